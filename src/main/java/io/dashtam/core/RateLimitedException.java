package io.dashtam.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Too many attempts or requests for now; {@code retryAfterSeconds} says when another one is worth making. */
public final class RateLimitedException extends DomainException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        this("Too many requests. Try again " + in(retryAfterSeconds) + ".", retryAfterSeconds, Map.of());
    }

    public RateLimitedException(String message, long retryAfterSeconds, Map<String, ?> details) {
        super(null, message, withRetry(retryAfterSeconds, details));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** When to retry, in words a person reads at a glance: "in 45 seconds", "in 15 minutes", "in 2 hours". */
    public static String in(long seconds) {
        if (seconds < 60) {
            return "in " + Math.max(1, seconds) + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = (minutes + 59) / 60;
        return "in " + hours + " hours";
    }

    private static Map<String, Object> withRetry(long seconds, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("retryAfterSeconds", seconds);
        all.putAll(details);
        return all;
    }
}
