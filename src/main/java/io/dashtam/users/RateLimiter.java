package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.DomainException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.core.RequestOrigin;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixed-window attempt counters per endpoint, per client IP and per account, kept in PostgreSQL so every
 * instance behind a load balancer counts into the same window. Over the limit: 429 with Retry-After.
 */
@Component
class RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UsersProperties properties;
    private final AuditLog audit;

    RateLimiter(JdbcClient jdbc, Clock clock, UsersProperties properties, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Counts one attempt at {@code endpoint} from the current client IP and, when {@code account} is not null,
     * for that account (an email or user id). Its own short transaction: the count holds even when the attempt
     * fails, and the counter row is not kept locked while the attempt runs.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = DomainException.class)
    void check(String endpoint, String account) {
        UsersProperties.AttemptLimit limit = properties.rateLimit(endpoint);
        Instant now = clock.instant();
        long windowMillis = limit.window().toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis);
        long retryAfter = Math.max(1, (Duration.between(now, start.plus(limit.window())).toMillis() + 999) / 1000);
        boolean over = over(endpoint, "ip", RequestOrigin.current().ip(), limit.perIp(), start);
        if (account != null) {
            over |= over(endpoint, "account", account.trim().toLowerCase(Locale.ROOT), limit.perAccount(), start);
        }
        if (over) {
            throw new RateLimitedException(retryAfter);
        }
    }

    private boolean over(String endpoint, String scope, String key, int limit, Instant windowStart) {
        int hits = hit(endpoint + "|" + scope + "|" + key, windowStart);
        if (hits == limit + 1) {
            // Once per window and bucket: a flood must not flood the append-only audit table too.
            audit.record(new AuditEvent(null, "rate_limit." + endpoint, "refused", scope, RequestOrigin.current(),
                    Map.of("limit", String.valueOf(limit))));
        }
        return hits > limit;
    }

    private int hit(String bucket, Instant windowStart) {
        return jdbc.sql("""
                INSERT INTO rate_limit_counters (bucket, window_start, hits) VALUES (:bucket, :start, 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_counters.hits + 1
                RETURNING hits""")
                .param("bucket", bucket).param("start", Timestamp.from(windowStart)).query(Integer.class).single();
    }

    /** Drops windows that ended long ago (run by {@link UsersHousekeeping}). */
    int purge(Instant before) {
        return jdbc.sql("DELETE FROM rate_limit_counters WHERE window_start < :before")
                .param("before", Timestamp.from(before)).update();
    }
}
