package io.dashtam.providers.outbound;

import io.dashtam.providers.RateLimit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per-provider request budgets enforced across instances through PostgreSQL: a sliding window (the requests
 * admitted within the last {@code per}, logged in {@code provider_requests}), admitted under the provider's row
 * lock, so the sum over every replica never exceeds the limit in any window. A 429 pauses the provider for every
 * instance. Every provider adapter asks here before each data call. Times come from the injected clock.
 */
@Component
public class ProviderRateLimiter {

    private final JdbcClient jdbc;
    private final ProviderAdmissions admissions;
    private final Clock clock;
    private final Sleeper sleeper;

    public ProviderRateLimiter(JdbcClient jdbc, ProviderAdmissions admissions, Clock clock, Sleeper sleeper) {
        this.jdbc = jdbc;
        this.admissions = admissions;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits (through the sleeper) until a request to {@code provider} is admitted; returns how long it waited. */
    public Duration acquire(String provider, RateLimit limit) {
        Duration waited = Duration.ZERO;
        for (;;) {
            Optional<Duration> wait = tryAcquire(provider, limit);
            if (wait.isEmpty()) {
                return waited;
            }
            sleeper.sleep(wait.get());
            waited = waited.plus(wait.get());
        }
    }

    /** Admits one request now, or says how long until one may be admitted. Its own short transaction. */
    public Optional<Duration> tryAcquire(String provider, RateLimit limit) {
        return admissions.tryAcquire(provider, limit);
    }

    /**
     * How long until one more request to {@code key} would be admitted (empty: now), without admitting one. A
     * snapshot: {@link #tryAcquire} still decides under the lock.
     */
    Optional<Duration> wouldWait(String key, RateLimit limit) {
        Instant now = clock.instant();
        Timestamp paused = jdbc.sql("SELECT paused_until FROM provider_rate_limits WHERE provider = :p")
                .param("p", key).query(Timestamp.class).optional().orElse(null);
        if (paused != null && paused.toInstant().isAfter(now)) {
            return Optional.of(Duration.between(now, paused.toInstant()));
        }
        Timestamp blocking = jdbc.sql("""
                SELECT admitted_at FROM provider_requests WHERE provider = :p AND admitted_at > :start
                ORDER BY admitted_at DESC OFFSET :n - 1 LIMIT 1""")
                .param("p", key).param("start", Timestamp.from(now.minus(limit.per())))
                .param("n", limit.requests()).query(Timestamp.class).optional().orElse(null);
        if (blocking == null) {
            return Optional.empty();
        }
        Duration wait = Duration.between(now, blocking.toInstant().plus(limit.per()));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
    }

    /** Forgets a key's log (a deleted connection's budget). */
    void forget(String key) {
        jdbc.sql("DELETE FROM provider_requests WHERE provider = :p").param("p", key).update();
        jdbc.sql("DELETE FROM provider_rate_limits WHERE provider = :p").param("p", key).update();
    }

    /** No instance sends {@code provider} a request before {@code until} (a 429's Retry-After); never shortens. */
    public void pause(String provider, Instant until) {
        jdbc.sql("""
                INSERT INTO provider_rate_limits AS l (provider, paused_until) VALUES (:p, :until)
                ON CONFLICT (provider) DO UPDATE SET paused_until = GREATEST(l.paused_until, EXCLUDED.paused_until)""")
                .param("p", provider).param("until", Timestamp.from(until)).update();
    }
}
