package io.dashtam.providers.outbound;

import io.dashtam.providers.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider data calls ({@code dashtam.providers.calls.*}): the retry policy, and request budgets per provider key
 * that override what a provider declares (e.g. a lower budget for a shared app registration).
 */
@ConfigurationProperties("dashtam.providers.calls")
public record ProviderCallProperties(int attempts, Duration backoff,
        Duration maxBackoff, int throttles,
        Duration maxRetryAfter, Map<String, Limit> rateLimits) {

    record Limit(int requests, Duration per) {
    }

    public ProviderCallProperties {
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        retry(attempts, backoff, maxBackoff, throttles, maxRetryAfter);
        rateLimits.values().forEach(l -> new RateLimit(l.requests(), l.per()));
    }

    public RetryPolicy retry() {
        return retry(attempts, backoff, maxBackoff, throttles, maxRetryAfter);
    }

    private static RetryPolicy retry(int attempts, Duration backoff, Duration maxBackoff, int throttles,
            Duration maxRetryAfter) {
        return new RetryPolicy(attempts, backoff, maxBackoff, throttles, maxRetryAfter);
    }

    public RateLimit rateLimit(String provider, RateLimit declared) {
        Limit configured = rateLimits.get(provider);
        return configured == null ? declared : new RateLimit(configured.requests(), configured.per());
    }
}
