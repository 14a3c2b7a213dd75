package io.dashtam.providers;

import java.time.Duration;

/**
 * A provider data call that did not answer usable data, classified for the retry policy. The message is safe to
 * show on a run (endpoint name and status, never a token or account number).
 */
public class ProviderCallException extends RuntimeException {

    public enum Kind {
        /** HTTP 429: wait ({@link #retryAfter()} when the provider said how long) and call again. */
        RATE_LIMITED,
        /** 5xx, timeout, connection reset: retried with backoff a bounded number of times. */
        TRANSIENT,
        /** HTTP 401: the access token was refused (refresh once, call again once). */
        UNAUTHORIZED,
        /** HTTP 403: access to the data was withdrawn at the provider. */
        FORBIDDEN,
        /** Any other refusal or unusable answer: not worth repeating. */
        FAILED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ProviderCallException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ProviderCallException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** What the provider asked for in Retry-After; null when it did not say. */
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
    public static Duration retryAfter(String header, java.time.Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            var at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(now, at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
