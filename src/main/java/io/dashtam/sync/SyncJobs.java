package io.dashtam.sync;

import io.dashtam.core.ConflictException;
import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The job table and the runs. Instances claim due jobs with {@code FOR UPDATE SKIP LOCKED} and hold them by a
 * lease they renew; a lapsed lease lets another instance take the job over and fail the orphaned run. Times come
 * from the caller (the injected clock), never from the database, so tests can move time.
 */
@Repository
class SyncJobs {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SyncJobs.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UserEvents events;
    private final DatabaseNotifications notifications;

    /** Workers LISTEN here: a queued run is claimed at once instead of at the next poll. */
    static final String QUEUED_CHANNEL = io.dashtam.core.Channels.SYNC_QUEUED;
    /** The instance running a deleted connection's sync LISTENs here and stops it at once. */
    static final String CANCELLED_CHANNEL = io.dashtam.core.Channels.SYNC_CANCELLED;

    SyncJobs(JdbcClient jdbc, PlatformTransactionManager transactions, UserEvents events,
            DatabaseNotifications notifications) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.notifications = notifications;
    }

    /** A job claimed by one instance, with the run it is executing. */
    record Claim(UUID connectionId, UserId userId, UUID runId, String trigger, Instant syncedUntil, String instance) {
    }

    /**
     * Queues a run unless one is queued or running already, which is then returned instead (or, should that one end
     * while it is being read, queues one after all). Never fails on a concurrent request: it may run inside a
     * caller's transaction (the OAuth callback's), which a unique violation would abort for good, so the
     * one-live-run index decides through ON CONFLICT instead.
     */
    SyncRun request(UUID connectionId, UserId user, String trigger, Instant now) {
        return tx.execute(status -> {
            UUID id = UUID.randomUUID();
            for (int attempt = 1; ; attempt++) {
                int queued = jdbc.sql("""
                        INSERT INTO sync_runs (id, connection_id, user_id, trigger, status, queued_at)
                        VALUES (:id, :c, :u, :trigger, 'queued', :now)
                        ON CONFLICT (connection_id) WHERE status IN ('queued', 'running') DO NOTHING""")
                        .param("id", id).param("c", connectionId).param("u", user.value())
                        .param("trigger", trigger).param("now", ts(now)).update();
                if (queued == 1) {
                    break;
                }
                // Another request queued one, or one is running: answer with that one. It may have ended between
                // the insert and this read (each statement sees what committed before it): then one fits now.
                Optional<SyncRun> live = live(connectionId);
                if (live.isPresent()) {
                    return live.get();
                }
                if (attempt == 3) {
                    throw new ConflictException("Syncs of this connection are starting and ending too fast to queue "
                            + "one; retry");
                }
            }
            events.publish(user, "sync.queued", Map.of("runId", id, "connectionId", connectionId,
                    "trigger", trigger));
            notifications.publish(QUEUED_CHANNEL, connectionId.toString());
            jdbc.sql("""
                    INSERT INTO sync_jobs (connection_id, user_id, next_run_at) VALUES (:c, :u, :now)
                    ON CONFLICT (connection_id) DO UPDATE SET next_run_at = LEAST(sync_jobs.next_run_at,
                        EXCLUDED.next_run_at)""")
                    .param("c", connectionId).param("u", user.value()).param("now", ts(now)).update();
            return run(connectionId, id).orElseThrow();
        });
    }

    /** Makes sure every syncable connection has a job, and drops idle jobs of connections that are not. */
    void reconcile(Collection<SyncConnections.SyncTarget> syncable, Instant now) {
        for (SyncConnections.SyncTarget c : syncable) {
            jdbc.sql("""
                    INSERT INTO sync_jobs (connection_id, user_id, next_run_at) VALUES (:c, :u, :now)
                    ON CONFLICT (connection_id) DO NOTHING""")
                    .param("c", c.id()).param("u", c.userId().value()).param("now", ts(now)).update();
        }
        jdbc.sql("""
                DELETE FROM sync_jobs j WHERE NOT (j.connection_id = ANY (:keep)) AND j.lease_owner IS NULL
                    AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = j.connection_id
                        AND r.status = 'queued')""")
                .param("keep", syncable.stream().map(SyncConnections.SyncTarget::id).toArray(UUID[]::new)).update();
    }

    /** Claims one due job (or one whose holder's lease lapsed) and starts its run, atomically. */
    Optional<Claim> claimNext(String instance, Instant now, Duration lease) {
        return tx.execute(status -> {
            var claimed = jdbc.sql("""
                    UPDATE sync_jobs j SET lease_owner = :me, lease_expires_at = :until
                    FROM (SELECT connection_id, current_run_id, lease_owner FROM sync_jobs
                          WHERE next_run_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at <= :now)
                          ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED) c
                    WHERE j.connection_id = c.connection_id
                    RETURNING j.connection_id, j.user_id, j.synced_until, c.current_run_id AS previous_run,
                        c.lease_owner AS previous_owner""")
                    .param("me", instance).param("until", ts(now.plus(lease))).param("now", ts(now))
                    .query((rs, n) -> new Object[] {rs.getObject("connection_id", UUID.class),
                            rs.getObject("user_id", UUID.class), time(rs, "synced_until"),
                            rs.getObject("previous_run", UUID.class), rs.getString("previous_owner")})
                    .optional();
            if (claimed.isEmpty()) {
                return Optional.<Claim>empty();
            }
            Object[] row = claimed.get();
            UUID connection = (UUID) row[0];
            if (row[3] != null) {
                log.warn("sync run {} taken over: the lease of instance {} lapsed (crashed or stalled); instance {} "
                        + "takes the connection {} over", row[3], row[4], instance, connection);
                jdbc.sql("""
                        UPDATE sync_runs SET status = 'failed', finished_at = :now, error = :error
                        WHERE id = :id AND status = 'running'""")
                        .param("now", ts(now)).param("id", row[3])
                        .param("error", "lease expired: instance " + row[4] + " stopped renewing it (crashed or "
                                + "stalled); taken over by " + instance).update();
            }
            var queued = jdbc.sql("SELECT id, trigger FROM sync_runs WHERE connection_id = :c AND status = 'queued'")
                    .param("c", connection).query((rs, n) -> new Object[] {rs.getObject("id", UUID.class),
                            rs.getString("trigger")}).optional();
            UUID runId = queued.map(q -> (UUID) q[0]).orElseGet(UUID::randomUUID);
            String trigger = queued.map(q -> (String) q[1]).orElse("scheduled");
            if (queued.isPresent()) {
                jdbc.sql("UPDATE sync_runs SET status = 'running', started_at = :now, instance = :me WHERE id = :id")
                        .param("now", ts(now)).param("me", instance).param("id", runId).update();
            } else {
                jdbc.sql("""
                        INSERT INTO sync_runs (id, connection_id, user_id, trigger, status, queued_at, started_at,
                            instance) VALUES (:id, :c, :u, 'scheduled', 'running', :now, :now, :me)""")
                        .param("id", runId).param("c", connection).param("u", row[1]).param("now", ts(now))
                        .param("me", instance).update();
            }
            jdbc.sql("UPDATE sync_jobs SET current_run_id = :run WHERE connection_id = :c")
                    .param("run", runId).param("c", connection).update();
            events.publish(new UserId((UUID) row[1]), "sync.started", Map.of("runId", runId,
                    "connectionId", connection, "trigger", trigger));
            return Optional.of(new Claim(connection, new UserId((UUID) row[1]), runId, trigger, (Instant) row[2],
                    instance));
        });
    }

    /** Extends the lease and records progress; false when the lease was lost (another instance took over). */
    boolean renew(Claim claim, SyncRun.Counts counts, Instant now, Duration lease) {
        return tx.execute(status -> {
            int held = jdbc.sql("""
                    UPDATE sync_jobs SET lease_expires_at = :until
                    WHERE connection_id = :c AND lease_owner = :me AND current_run_id = :run""")
                    .param("until", ts(now.plus(lease))).param("c", claim.connectionId())
                    .param("me", claim.instance()).param("run", claim.runId()).update();
            if (held == 1) {
                counts(claim.runId(), counts, "running", null, null);
            }
            return held == 1;
        });
    }

    /** False once the connection was deleted (its job goes with it). */
    boolean exists(UUID connectionId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sync_jobs WHERE connection_id = :c)").param("c", connectionId)
                .query(Boolean.class).single();
    }

    /** Whether a claim may still commit what it fetched. */
    enum Hold { HELD, LEASE_LOST, JOB_GONE }

    /**
     * Inside a batch's transaction: locks the job row against deletion (a deleted connection takes its job with
     * it, in the deleting transaction) until the batch commits, and says whether this claim still holds the lease.
     * KEY SHARE leaves lease renewals (no key change) free to proceed.
     */
    Hold holdJob(Claim claim, JdbcClient transaction) {
        return transaction.sql("""
                SELECT lease_owner = :me AND current_run_id = :run AS held FROM sync_jobs WHERE connection_id = :c
                FOR KEY SHARE""")
                .param("me", claim.instance()).param("run", claim.runId()).param("c", claim.connectionId())
                .query(Boolean.class).optional().map(held -> Boolean.TRUE.equals(held) ? Hold.HELD : Hold.LEASE_LOST)
                .orElse(Hold.JOB_GONE);
    }

    /** Ends the run; only the lease holder may, so a run taken over keeps the reason the taker gave it. */
    void finish(Claim claim, SyncRun.Counts counts, String error, Instant syncedUntil, Instant now,
            Instant nextRun) {
        tx.executeWithoutResult(status -> {
            int held = jdbc.sql("""
                    UPDATE sync_jobs SET lease_owner = NULL, lease_expires_at = NULL, current_run_id = NULL,
                        next_run_at = :next, synced_until = COALESCE(:until, synced_until)
                    WHERE connection_id = :c AND lease_owner = :me AND current_run_id = :run""")
                    .param("next", ts(nextRun)).param("until", syncedUntil == null ? null : ts(syncedUntil))
                    .param("c", claim.connectionId()).param("me", claim.instance()).param("run", claim.runId())
                    .update();
            if (held == 1) {
                counts(claim.runId(), counts, error == null ? "succeeded" : "failed", error, now);
                events.publish(claim.userId(), error == null ? "sync.succeeded" : "sync.failed",
                        progress(claim, counts, error));
            }
        });
    }

    /** A run's counts so far, for its events (never a token: only ids, numbers and the failure reason). */
    static Map<String, Object> progress(Claim claim, SyncRun.Counts counts, String error) {
        var payload = new java.util.LinkedHashMap<String, Object>();
        payload.put("runId", claim.runId());
        payload.put("connectionId", claim.connectionId());
        payload.put("accounts", counts.accounts());
        payload.put("added", counts.added());
        payload.put("updated", counts.updated());
        payload.put("removed", counts.removed());
        if (error != null) {
            payload.put("reason", error);
        }
        return payload;
    }

    /** The provider's warnings as this run received them; only while the claim holds the run. */
    void warnings(Claim claim, io.dashtam.providers.ProviderWarnings warnings) {
        jdbc.sql("UPDATE sync_runs SET warnings = :w WHERE id = :run AND status = 'running'")
                .param("w", warnings.messages().toArray(String[]::new)).param("run", claim.runId()).update();
    }

    /** {@code sync.progress}, outside any transaction (the caller throttles it). */
    void progressed(Claim claim, SyncRun.Counts counts) {
        events.publish(claim.userId(), "sync.progress", progress(claim, counts, null));
    }

    private void counts(UUID run, SyncRun.Counts counts, String status, String error, Instant finished) {
        jdbc.sql("""
                UPDATE sync_runs SET status = :status, finished_at = :finished, error = :error, accounts = :accounts,
                    added = :added, updated = :updated, removed = :removed, waited_ms = :waited,
                    wait_reason = :waitReason
                WHERE id = :id AND status = 'running'""")
                .param("waited", counts.waitedMillis()).param("waitReason", counts.waitReason())
                .param("status", status).param("finished", finished == null ? null : ts(finished))
                .param("error", error).param("accounts", counts.accounts()).param("added", counts.added())
                .param("updated", counts.updated()).param("removed", counts.removed()).param("id", run).update();
    }

    Optional<SyncRun> live(UUID connectionId) {
        return jdbc.sql("SELECT * FROM sync_runs WHERE connection_id = :c AND status IN ('queued', 'running')")
                .param("c", connectionId).query(SyncJobs::map).optional();
    }

    Optional<SyncRun> run(UUID connectionId, UUID runId) {
        return jdbc.sql("SELECT * FROM sync_runs WHERE connection_id = :c AND id = :id")
                .param("c", connectionId).param("id", runId).query(SyncJobs::map).optional();
    }

    /**
     * Drops a deleted connection's job and run history, in the deleting transaction. Nothing of a running sync holds
     * a lock while it waits for its provider, so this never waits for one; the instance running it is told to stop
     * (at commit), and any window it stores later is refused because the job row is gone.
     */
    void forget(UUID connectionId) {
        live(connectionId).ifPresent(run -> {
            notifications.publish(CANCELLED_CHANNEL, connectionId.toString());
            events.publish(new UserId(jdbc.sql("SELECT user_id FROM sync_runs WHERE id = :id").param("id", run.id())
                    .query(UUID.class).single()), "sync.cancelled", Map.of("runId", run.id(), "connectionId",
                    connectionId, "reason", "connection deleted"));
        });
        jdbc.sql("DELETE FROM sync_jobs WHERE connection_id = :c").param("c", connectionId).update();
        jdbc.sql("DELETE FROM sync_runs WHERE connection_id = :c").param("c", connectionId).update();
    }

    /**
     * Gives a run this instance cannot finish (it is stopping) back to the queue: the same run, queued again, the job
     * free at once and every instance woken, so another one takes it over within a second instead of after the
     * lease. False when the claim no longer held it.
     */
    boolean handBack(Claim claim, Instant now) {
        return tx.execute(status -> {
            int held = jdbc.sql("""
                    UPDATE sync_jobs SET lease_owner = NULL, lease_expires_at = NULL, current_run_id = NULL,
                        next_run_at = :now
                    WHERE connection_id = :c AND lease_owner = :me AND current_run_id = :run""")
                    .param("now", ts(now)).param("c", claim.connectionId()).param("me", claim.instance())
                    .param("run", claim.runId()).update();
            if (held == 0) {
                return false;
            }
            jdbc.sql("""
                    UPDATE sync_runs SET status = 'queued', started_at = NULL, instance = NULL
                    WHERE id = :run AND status = 'running'""").param("run", claim.runId()).update();
            notifications.publish(QUEUED_CHANNEL, claim.connectionId().toString());
            return true;
        });
    }

    List<SyncRun> runs(UUID connectionId, int limit) {
        return jdbc.sql("SELECT * FROM sync_runs WHERE connection_id = :c ORDER BY queued_at DESC, id LIMIT :n")
                .param("c", connectionId).param("n", limit).query(SyncJobs::map).list();
    }

    /**
     * The newest run of each of the user's {@code connections} that ever ran: one index probe per connection
     * (the page with every connection's last sync asks once, not once per connection).
     */
    List<SyncRun> latest(UserId user, Collection<UUID> connections) {
        if (connections.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT r.* FROM unnest(CAST(:ids AS uuid[])) c(id)
                JOIN LATERAL (SELECT * FROM sync_runs s WHERE s.connection_id = c.id AND s.user_id = :u
                    ORDER BY s.queued_at DESC, s.id LIMIT 1) r ON true""")
                .param("ids", connections.toArray(UUID[]::new)).param("u", user.value())
                .query(SyncJobs::map).list();
    }

    private static SyncRun map(ResultSet rs, int row) throws SQLException {
        return new SyncRun(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
                rs.getString("trigger"), rs.getString("status"), time(rs, "queued_at"), time(rs, "started_at"),
                time(rs, "finished_at"), rs.getInt("accounts"), rs.getInt("added"), rs.getInt("updated"),
                rs.getInt("removed"), rs.getString("error"), rs.getLong("waited_ms") / 1000, rs.getString("wait_reason"),
                List.of((String[]) rs.getArray("warnings").getArray()));
    }

    private static Instant time(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
