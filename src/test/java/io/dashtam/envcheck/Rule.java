package io.dashtam.envcheck;

/** The isolation rules the checker enforces, one negative fixture each under {@code envcheck/fixtures/<id>}. */
public enum Rule {
    SHARED_NAME("shared-name",
            "a container, project, network, volume or namespace name used by two environments (or fixed in ci)"),
    SHARED_HOST_PORT("shared-host-port", "a host port published by two environments (or any host port in ci)"),
    VOLUME_IN_EPHEMERAL_ENV("volume-in-ephemeral-env", "a named or anonymous volume in test or ci"),
    MISSING_HEALTHCHECK("missing-healthcheck", "a long-running compose service without a healthcheck"),
    KEEP_ALIVE_COMMAND("keep-alive-command", "a container kept alive with sleep infinity or tail -f /dev/null"),
    COMMITTED_SECRET("committed-secret", "a literal secret value committed to the repository"),
    MISSING_PROBE("missing-probe", "a long-running Kubernetes container without readiness and liveness probes"),
    MISSING_RESOURCES("missing-resources", "a Kubernetes container without cpu/memory requests and limits"),
    MISSING_NON_ROOT("missing-non-root", "a Kubernetes container that may run as root (runAsNonRoot not true)"),
    MISSING_READ_ONLY_ROOT("missing-read-only-root", "a Kubernetes container without readOnlyRootFilesystem: true"),
    REDIRECT_NOT_SERVED("redirect-not-served",
            "a provider redirect URI whose path the app does not serve (or a loopback one no listener answers)"),
    LOOPBACK_PORT_EXPOSED("loopback-port-exposed",
            "a port published, declared or opened for a listener the app binds to a loopback address or turns off"),
    UNKNOWN_SETTING("unknown-setting", "an environment variable set for the app that the app does not read"),
    LIFECYCLE_MISMATCH("lifecycle-mismatch", "a probe on a port or scheme where the app does not answer it, or a "
            + "termination grace period shorter than preStop plus the app's shutdown phases");

    private final String id;
    private final String description;

    Rule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Kebab-case id, also the fixture directory name. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
