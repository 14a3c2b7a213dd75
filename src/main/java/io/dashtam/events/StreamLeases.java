package io.dashtam.events;

import io.dashtam.core.UserId;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-user stream limit across replicas: one {@code event_stream_leases} row per open stream on any instance.
 * Opening counts the user's live leases under a per-user advisory lock (two replicas cannot both take the last
 * slot); the heartbeat renews this instance's leases in one statement, so an idle stream holds no database
 * connection; a closed stream deletes its lease, and the lease of a replica that died lapses after
 * {@code streamLease} and is ignored from then on. Times come from the injected clock.
 */
@Repository
class StreamLeases {

    /** The advisory lock namespace (first key) for "a user's stream leases"; the second key is the user's hash. */
    private static final int LOCK_SPACE = 0x64737472;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventsProperties properties;
    /** Names this instance's rows, for diagnosis and for releasing them all at shutdown. */
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + ":"
            + UUID.randomUUID().toString().substring(0, 8);

    StreamLeases(JdbcClient jdbc, Clock clock, EventsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Takes a lease for a new stream of {@code user}; false when the user holds the maximum on all replicas. */
    @Transactional
    boolean acquire(UUID lease, UserId user) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:space, hashtext(CAST(:u AS text)))").param("space", LOCK_SPACE)
                .param("u", user.value()).query().singleRow();
        Instant now = clock.instant();
        long live = jdbc.sql("""
                SELECT count(*) FROM event_stream_leases WHERE user_id = :u AND expires_at > :now""")
                .param("u", user.value()).param("now", Timestamp.from(now)).query(Long.class).single();
        if (live >= properties.maxStreamsPerUser()) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO event_stream_leases (id, user_id, instance, opened_at, expires_at)
                VALUES (:id, :u, :me, :now, :until)""")
                .param("id", lease).param("u", user.value()).param("me", instance)
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(properties.streamLease())))
                .update();
        return true;
    }

    /** Extends the leases of this instance's open streams (with the heartbeat). */
    void renew(Collection<UUID> leases) {
        if (leases.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE event_stream_leases SET expires_at = :until WHERE id = ANY (:ids)")
                .param("until", Timestamp.from(clock.instant().plus(properties.streamLease())))
                .param("ids", leases.toArray(UUID[]::new)).update();
    }

    void release(UUID lease) {
        jdbc.sql("DELETE FROM event_stream_leases WHERE id = :id").param("id", lease).update();
    }

    /** At shutdown: this instance's streams end now, not when their leases lapse. */
    void releaseAll() {
        jdbc.sql("DELETE FROM event_stream_leases WHERE instance = :me").param("me", instance).update();
    }

    /** Drops lapsed leases (they are ignored already; this keeps the table small). */
    int prune() {
        return jdbc.sql("DELETE FROM event_stream_leases WHERE expires_at <= :now")
                .param("now", Timestamp.from(clock.instant())).update();
    }
}
