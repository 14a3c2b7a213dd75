package io.dashtam.providers;

import io.dashtam.providers.outbound.BudgetedHttpClient;
import io.dashtam.providers.outbound.ProviderCallProperties;
import io.dashtam.providers.outbound.ProviderRateLimiter;
import io.dashtam.providers.outbound.RetryPolicy;
import io.dashtam.providers.outbound.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every provider data call goes through here: each of its HTTP requests is admitted by the provider's request
 * budget first (waiting if it is spent; {@link #budgeted}), a 429 pauses the provider for every instance for its
 * Retry-After and the call is repeated, transient failures are repeated with backoff a bounded number of times.
 * Waits are reported to the caller's listener (a sync run shows them as throttling) before they begin, and go
 * through the {@link Sleeper}.
 */
@Component
public class ProviderCalls {

    /** Told about every wait (why, and for how long) and, with a budgeted client, about each request it sends. */
    @FunctionalInterface
    public interface WaitListener {
        WaitListener NONE = (reason, duration) -> { };

        void waiting(String reason, Duration duration);

        /** Right before each HTTP request goes out, after any wait for the budget (a sync run renews its lease). */
        default void sending() {
        }
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
     * {@code client} for one caller of {@code provider}: each HTTP request through it is admitted by the provider's
     * budget first ({@code limit}, summed over every instance; null: none), waiting as long as it takes, so every
     * request counts, however many one provider call makes. The listener hears of each wait and each request.
     */
    public HttpClient budgeted(HttpClient client, String provider, RateLimit limit, WaitListener listener) {
        String why = "rate limit of " + provider + " (" + limit + ")";
        return new BudgetedHttpClient(client, () -> {
            if (limit != null) {
                for (var wait = limiter.tryAcquire(provider, limit); wait.isPresent();
                        wait = limiter.tryAcquire(provider, limit)) {
                    listener.waiting(why, wait.get());
                    sleeper.sleep(wait.get());
                }
            }
            listener.sending();
        });
    }

    /**
     * Runs {@code call} (provider requests through a {@link #budgeted} client, throwing
     * {@link ProviderCallException} on failure), repeating it as the retry policy allows. Throws the last failure
     * when the policy gives up, and any non-retryable failure (401, 403, other refusals) at once.
     */
    public <T> T call(String provider, Supplier<T> call, WaitListener listener) {
        RetryPolicy policy = properties.retry();
        int failures = 0;
        int throttled = 0;
        for (;;) {
            try {
                return call.get();
            } catch (ProviderCallException e) {
                switch (e.kind()) {
                    case RATE_LIMITED -> {
                        if (++throttled > policy.throttles()) {
                            throw e;
                        }
                        Duration wait = policy.throttled(e.retryAfter(), throttled, ThreadLocalRandom.current()::nextDouble);
                        // Every instance holds off, not only this one: the pause is in the shared budget, which
                        // admits no request of any instance before it ends (and longer, if another one extends it).
                        limiter.pause(provider, clock.instant().plus(wait));
                        listener.waiting(provider + " answered HTTP 429 (throttled" + (e.retryAfter() == null ? ""
                                : "; Retry-After " + e.retryAfter().toSeconds() + " s") + ")", wait);
                        sleeper.sleep(wait);
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
