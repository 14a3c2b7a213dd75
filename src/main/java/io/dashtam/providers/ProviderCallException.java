package io.dashtam.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider call failed or answered something unusable. The message is fit for a sync run's error and never holds
 * a credential. {@code kind} lets the engine tell a refused credential or a rate limit from a plain failure.
 */
public class ProviderCallException extends RuntimeException {

    public enum Kind {
        /** Anything else: the run fails with the message. */
        FAILED,
        /** The provider refused the credential (e.g. HTTP 401 before the recorded expiry). */
        UNAUTHORIZED,
        /** The provider asked to slow down (HTTP 429); {@link #retryAfter()} when it said how long. */
        RATE_LIMITED,
        /** Worth retrying soon: 5xx, timeouts, resets. */
        TRANSIENT,
        /**
         * The provider refuses this connection until its user acts outside Dashtam (SimpleFIN's HTTP 402, payment
         * required at the bridge): the connection goes to {@code error} with the message.
         */
        REFUSED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ProviderCallException(String message) {
        this(Kind.FAILED, message, null);
    }

    public ProviderCallException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
