package io.dashtam.providers.outbound;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how long a provider data call is repeated: transient failures (5xx, timeouts, resets) up to
 * {@code attempts} calls in all, waiting an exponential backoff with full jitter; 429s up to {@code throttles}
 * times, waiting what Retry-After says (capped at {@code maxRetryAfter}) or the backoff when it says nothing.
 *
 * @param attempts      calls in all for one request when each fails transiently (at least 1)
 * @param backoff       the first backoff; it doubles per failure up to {@code maxBackoff}
 * @param throttles     how many 429s one request may meet before the run gives up
 * @param maxRetryAfter the longest Retry-After honoured as is (a longer one is cut to it)
 */
public record RetryPolicy(int attempts, Duration backoff, Duration maxBackoff, int throttles,
        Duration maxRetryAfter) {

    public RetryPolicy {
        if (attempts < 1 || throttles < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0
                || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("invalid provider retry policy");
        }
    }

    /** The wait before the next call after {@code failures} transient failures (1 = the first): full jitter. */
    public Duration backoff(int failures, DoubleSupplier random) {
        long cap = maxBackoff.toMillis();
        long ceiling = Math.min(cap, backoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
        // Half fixed, half random: never a zero wait, and replicas that failed together spread out.
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
    }

    /** The wait a 429 asks for: its Retry-After within bounds, else the backoff. */
    public Duration throttled(Duration retryAfter, int throttled, DoubleSupplier random) {
        if (retryAfter == null) {
            return backoff(throttled, random);
        }
        if (retryAfter.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }
}
