package io.dashtam.providers;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A provider call failed or answered something unusable. The message is fit for a sync run's error and never holds
 * a credential. {@code kind} lets the engine tell a refused credential or a rate limit from a plain failure, and
 * the retry policy ({@link ProviderCalls}) what is worth repeating.
 */
public class ProviderCallException extends RuntimeException {

    public enum Kind {
        /** Anything else: the run fails with the message. */
        FAILED,
        /** The provider refused the credential (e.g. HTTP 401 before the recorded expiry): refresh once, call again once. */
        UNAUTHORIZED,
        /** HTTP 403: access to the data was withdrawn at the provider; the connection becomes {@code revoked}. */
        FORBIDDEN,
        /** The provider asked to slow down (HTTP 429); {@link #retryAfter()} when it said how long. */
        RATE_LIMITED,
        /** Worth retrying soon: 5xx, timeouts, resets; retried with backoff a bounded number of times. */
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

    public ProviderCallException(Kind kind, String message) {
        this(kind, message, null);
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

    /** The kind an HTTP status means for a data call (200 is not a failure and never passed here). */
    public static Kind kindOf(int status) {
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        if (status == 401) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 403) {
            return Kind.FORBIDDEN;
        }
        return status >= 500 || status == 408 ? Kind.TRANSIENT : Kind.FAILED;
    }

    /**
     * A Retry-After header as a duration from {@code now}: delay-seconds or an HTTP date; null when absent or
     * unreadable (the caller then backs off on its own).
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Duration wait = Duration.between(now,
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
