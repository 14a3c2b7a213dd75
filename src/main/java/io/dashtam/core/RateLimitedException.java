package io.dashtam.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** Too many attempts or requests for now; {@code retryAfterSeconds} says when another one is worth making. */
public final class RateLimitedException extends DomainException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        this("Too many requests; retry later", retryAfterSeconds, Map.of());
    }

    public RateLimitedException(String message, long retryAfterSeconds, Map<String, ?> details) {
        super(null, message, withRetry(retryAfterSeconds, details));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static Map<String, Object> withRetry(long seconds, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("retryAfterSeconds", seconds);
        all.putAll(details);
        return all;
    }
}
