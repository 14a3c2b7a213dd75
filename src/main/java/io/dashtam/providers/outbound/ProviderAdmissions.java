package io.dashtam.providers.outbound;

import io.dashtam.providers.RateLimit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admission step of the {@link ProviderRateLimiter}, on a bean of its own so that its transaction is declared
 * and always new: under the provider's row lock, the sliding window is trimmed, checked and, when there is room,
 * one more request logged.
 */
@Component
public class ProviderAdmissions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProviderAdmissions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Admits one request now, or says how long until one may be admitted. Its own short transaction, whatever the
     * caller's: the admission must count (and its lock end) before the request it admits is sent.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Duration> tryAcquire(String provider, RateLimit limit) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO provider_rate_limits (provider) VALUES (:p) ON CONFLICT (provider) DO NOTHING")
                .param("p", provider).update();
        Timestamp paused = jdbc.sql("SELECT paused_until FROM provider_rate_limits WHERE provider = :p FOR UPDATE")
                .param("p", provider).query(Timestamp.class).optional().orElse(null);
        if (paused != null && paused.toInstant().isAfter(now)) {
            return Optional.of(Duration.between(now, paused.toInstant()));
        }
        Instant windowStart = now.minus(limit.per());
        jdbc.sql("DELETE FROM provider_requests WHERE provider = :p AND admitted_at <= :start")
                .param("p", provider).param("start", Timestamp.from(windowStart)).update();
        // The oldest admission that must leave the window before one more fits (null: room now).
        Timestamp blocking = jdbc.sql("""
                SELECT admitted_at FROM provider_requests WHERE provider = :p
                ORDER BY admitted_at DESC OFFSET :n - 1 LIMIT 1""")
                .param("p", provider).param("n", limit.requests()).query(Timestamp.class).optional()
                .orElse(null);
        if (blocking != null) {
            Duration wait = Duration.between(now, blocking.toInstant().plus(limit.per()));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
        jdbc.sql("INSERT INTO provider_requests (provider, admitted_at) VALUES (:p, :now)")
                .param("p", provider).param("now", Timestamp.from(now)).update();
        return Optional.empty();
    }
}
