package io.dashtam.providers.outbound;

import io.dashtam.providers.BudgetSpent;
import io.dashtam.providers.ConnectionDeleted;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderLimits;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Request budgets per connection ({@link ProviderLimits#perConnection()}; SimpleFIN: about 24 a day per access URL)
 * in the same PostgreSQL sliding window as the provider budgets ({@link ProviderRateLimiter}), under a key of the
 * connection's own, so every replica, scheduled or manual sync, spends from one budget. A spent budget never waits
 * (that would hold a run for hours): the request is refused with the time the next one fits.
 */
@Component
public class ConnectionBudget {

    private final ProviderRateLimiter limiter;
    private final Clock clock;

    ConnectionBudget(ProviderRateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    static String key(ConnectionId id) {
        return "connection:" + id.value();
    }

    /** The session's budget: spends one request of {@code budget}, or refuses when it is spent. */
    public ProviderSession.RequestBudget of(ConnectionId id, RateLimit budget) {
        if (budget == null) {
            return ProviderSession.RequestBudget.UNLIMITED;
        }
        return () -> limiter.tryAcquire(key(id), budget).ifPresent(wait -> {
            throw new ProviderCallException(ProviderCallException.Kind.FAILED,
                    "request not sent: " + new BudgetSpent(budget, until(wait)).describe(), null);
        });
    }

    /** Empty when one more request fits now (or there is no budget). */
    public Optional<BudgetSpent> spent(ConnectionId id, RateLimit budget) {
        if (budget == null) {
            return Optional.empty();
        }
        return limiter.wouldWait(key(id), budget).map(wait -> new BudgetSpent(budget, until(wait)));
    }

    /** Rounded up to the second: shown to people and sent as Retry-After. */
    private Instant until(Duration wait) {
        Instant at = clock.instant().plus(wait);
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(at) ? at : second.plusSeconds(1);
    }

    /** A deleted connection's budget log goes with it. */
    @EventListener
    void deleted(ConnectionDeleted event) {
        limiter.forget(key(event.connectionId()));
    }
}
