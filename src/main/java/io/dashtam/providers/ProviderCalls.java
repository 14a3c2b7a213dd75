package io.dashtam.providers;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every provider data call goes through here: the provider's request budget is asked first (waiting if it is
 * spent), a 429 pauses the provider for every instance for its Retry-After and the call is repeated, transient
 * failures are repeated with backoff a bounded number of times. Waits are reported to the caller's listener
 * (a sync run shows them as throttling) before they begin, and go through the {@link Sleeper}.
 */
@Component
public class ProviderCalls {

    /** Told about every wait: why, and for how long. */
    @FunctionalInterface
    public interface WaitListener {
        WaitListener NONE = (reason, duration) -> { };

        void waiting(String reason, Duration duration);
    }

    private final ProviderRateLimiter limiter;
    private final ProviderCallProperties properties;
    private final Sleeper sleeper;
    private final Clock clock;

    ProviderCalls(ProviderRateLimiter limiter, ProviderCallProperties properties, Sleeper sleeper, Clock clock) {
        this.limiter = limiter;
        this.properties = properties;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The request budget of a provider: configured, else what the provider declares. */
    public RateLimit rateLimit(String provider, RateLimit declared) {
        // null: neither declared nor configured, so calls are not budgeted (still retried).
        return properties.rateLimit(provider, declared);
    }

    /**
     * Runs {@code call} (one HTTP request, throwing {@link ProviderCallException} on failure) within the provider's
     * budget, repeating it as the retry policy allows. Throws the last failure when the policy gives up, and any
     * non-retryable failure (401, 403, other refusals) at once.
     */
    public <T> T call(String provider, RateLimit limit, Supplier<T> call, WaitListener listener) {
        RetryPolicy policy = properties.retry();
        int failures = 0;
        int throttled = 0;
        String why = "rate limit of " + provider + " (" + limit + ")";
        for (;;) {
            for (var wait = limit == null ? java.util.Optional.<Duration>empty() : limiter.tryAcquire(provider, limit);
                    wait.isPresent();
                    wait = limiter.tryAcquire(provider, limit)) {
                listener.waiting(why, wait.get());
                sleeper.sleep(wait.get());
            }
            try {
                return call.get();
            } catch (ProviderCallException e) {
                switch (e.kind()) {
                    case RATE_LIMITED -> {
                        if (++throttled > policy.throttles()) {
                            throw e;
                        }
                        Duration wait = policy.throttled(e.retryAfter(), throttled, ThreadLocalRandom.current()::nextDouble);
                        // Every instance holds off, not only this one: the pause is in the shared budget.
                        // The wait itself happens in the budget above, which stays closed until the pause ends.
                        limiter.pause(provider, clock.instant().plus(wait));
                        why = provider + " answered HTTP 429 (throttled" + (e.retryAfter() == null ? ""
                                : "; Retry-After " + e.retryAfter().toSeconds() + " s") + ")";
                    }
                    case TRANSIENT -> {
                        if (++failures >= policy.attempts()) {
                            throw e;
                        }
                        Duration wait = policy.backoff(failures, ThreadLocalRandom.current()::nextDouble);
                        listener.waiting("retrying after: " + e.getMessage(), wait);
                        sleeper.sleep(wait);
                    }
                    default -> throw e;
                }
            }
        }
    }
}
