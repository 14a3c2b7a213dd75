package io.dashtam.providers;

import java.time.Duration;

/** At most {@code requests} provider calls in any window of {@code per}, summed over every instance. */
public record RateLimit(int requests, Duration per) {

    public RateLimit {
        if (requests < 1 || per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
        }
    }

    /** What a provider declares in {@link ProviderLimits#requestsPerMinute()}; 0 (undeclared) means none. */
    public static java.util.Optional<RateLimit> perMinute(int requestsPerMinute) {
        return requestsPerMinute == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new RateLimit(requestsPerMinute, Duration.ofMinutes(1)));
    }

    @Override
    public String toString() {
        return requests + " requests per " + per;
    }
}
