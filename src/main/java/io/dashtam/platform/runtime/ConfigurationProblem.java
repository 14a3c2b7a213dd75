package io.dashtam.platform.runtime;

/** A setting that prevents start-up; the failure analyzer prints it as one line naming the setting. */
public class ConfigurationProblem extends RuntimeException {

    private final String setting;

    public ConfigurationProblem(String setting, String reason) {
        super(setting + ": " + reason, null, false, false);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
