package io.dashtam.events;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The events table: insert, number committed rows in commit order, read a user's events after a cursor, prune. */
@Repository
class EventStore {

    static final String CHANNEL = io.dashtam.core.Channels.EVENTS;
    /** Any constant: one sequencer at a time across every replica. */
    private static final long SEQUENCER_LOCK = 0x64617368_65767473L;

    /** One stored event as a stream sends it. */
    record StoredEvent(long seq, String type, Instant occurredAt, String payload) {
    }

    private final JdbcClient jdbc;
    private final DatabaseNotifications notifications;

    EventStore(JdbcClient jdbc, DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    void insert(UserId user, String type, Instant at, String payloadJson) {
        insert(jdbc, user, type, at, payloadJson);
    }

    /** Through {@code transaction}: a connection the caller holds in a transaction of its own. */
    void insert(JdbcClient transaction, UserId user, String type, Instant at, String payloadJson) {
        transaction.sql("""
                INSERT INTO events (user_id, type, occurred_at, payload) VALUES (:u, :type, :at, CAST(:p AS jsonb))""")
                .param("u", user.value()).param("type", type).param("at", Timestamp.from(at)).param("p", payloadJson)
                .update();
    }

    /**
     * Numbers every committed, unnumbered event and notifies their users' streams, in a transaction of its own.
     * Serialized by an advisory lock, and each UPDATE sees everything committed before it took the lock, so
     * numbers are handed out in commit order and become visible as a prefix.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    int sequence() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", SEQUENCER_LOCK).query().singleRow();
        List<UUID> users = jdbc.sql("""
                UPDATE events e SET seq = n.seq
                FROM (SELECT id, nextval('events_seq') AS seq
                      FROM (SELECT id FROM events WHERE seq IS NULL ORDER BY id LIMIT 5000) o) n
                WHERE e.id = n.id RETURNING e.user_id""")
                .query(UUID.class).list();
        if (!users.isEmpty()) {
            String payload = String.join(",", users.stream().distinct().map(UUID::toString).toList());
            notifications.publish(CHANNEL, payload.length() > 6000 ? "*" : payload);
        }
        return users.size();
    }

    List<StoredEvent> after(UserId user, long cursor, int limit) {
        return jdbc.sql("""
                SELECT seq, type, occurred_at, payload::text AS payload FROM events
                WHERE user_id = :u AND seq > :after ORDER BY seq LIMIT :n""")
                .param("u", user.value()).param("after", cursor).param("n", limit)
                .query((rs, n) -> new StoredEvent(rs.getLong("seq"), rs.getString("type"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("payload")))
                .list();
    }

    /** The user's newest numbered event, or 0. */
    long latest(UserId user) {
        return jdbc.sql("SELECT COALESCE(max(seq), 0) FROM events WHERE user_id = :u").param("u", user.value())
                .query(Long.class).single();
    }

    /** Every number handed out so far (an id above this was never ours). */
    long highestIssued() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM events_seq").query(Long.class)
                .single();
    }

    /** The highest seq retention removed for the user, if any. */
    OptionalLong horizon(UserId user) {
        return jdbc.sql("SELECT pruned_through FROM event_horizons WHERE user_id = :u").param("u", user.value())
                .query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Removes numbered events older than {@code before} or beyond the newest {@code keep} per user. */
    int prune(Instant before, int keep) {
        return jdbc.sql("""
                WITH ranked AS (
                    SELECT id, user_id, seq, occurred_at,
                           row_number() OVER (PARTITION BY user_id ORDER BY seq DESC) AS newer
                    FROM events WHERE seq IS NOT NULL),
                gone AS (
                    DELETE FROM events e USING ranked r
                    WHERE e.id = r.id AND (r.occurred_at < :before OR r.newer > :keep)
                    RETURNING e.user_id, e.seq),
                horizons AS (
                    INSERT INTO event_horizons (user_id, pruned_through)
                    SELECT user_id, max(seq) FROM gone GROUP BY user_id
                    ON CONFLICT (user_id) DO UPDATE
                        SET pruned_through = GREATEST(event_horizons.pruned_through, EXCLUDED.pruned_through)
                    RETURNING 1)
                SELECT count(*) FROM gone""")
                .param("before", Timestamp.from(before)).param("keep", keep).query(Integer.class).single();
    }
}
