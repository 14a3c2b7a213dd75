package io.dashtam.platform.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

class ConfigurationProblemFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationProblem cause) {
        return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
                "Fix the setting " + cause.setting() + " (see env/.env.<environment>.example).", cause);
    }
}
