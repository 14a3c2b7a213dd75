package io.dashtam.providers;

import java.time.Duration;

/** At most {@code requests} provider calls in any window of {@code per}, summed over every instance. */
public record RateLimit(int requests, Duration per) {

    public RateLimit {
        if (requests < 1 || per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
        }
    }

    @Override
    public String toString() {
        return requests + " requests per " + per;
    }
}
