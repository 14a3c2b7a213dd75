package io.dashtam.providers.connections;

import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The provider_connections table, in plain SQL. Every user-facing read is scoped by owner. */
@Repository
public class Connections {

    private final JdbcClient jdbc;

    public Connections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the owner already has a connection with this alias (the unique index decides). */
    public boolean insert(Connection c) {
        return jdbc.sql("""
                INSERT INTO provider_connections (id, user_id, provider_key, category, alias, status, status_reason,
                    authorized_at, deadline, created_at, updated_at)
                VALUES (:id, :user, :provider, :category, :alias, :status, :reason, :authorized, :deadline,
                    :created, :updated)
                ON CONFLICT (user_id, lower(alias)) DO NOTHING""")
                .param("id", c.id().value()).param("user", c.userId().value()).param("provider", c.providerKey())
                .param("category", c.category()).param("alias", c.alias()).param("status", c.status().db())
                .param("reason", c.statusReason()).param("authorized", ts(c.authorizedAt()))
                .param("deadline", ts(c.deadline())).param("created", ts(c.createdAt()))
                .param("updated", ts(c.updatedAt()))
                .update() == 1;
    }

    /** Writes alias and state. A duplicate alias surfaces as DuplicateKeyException. */
    public void update(Connection c) {
        jdbc.sql("""
                UPDATE provider_connections SET alias = :alias, status = :status, status_reason = :reason,
                    authorized_at = :authorized, deadline = :deadline, updated_at = :updated
                WHERE id = :id""")
                .param("id", c.id().value()).param("alias", c.alias()).param("status", c.status().db())
                .param("reason", c.statusReason()).param("authorized", ts(c.authorizedAt()))
                .param("deadline", ts(c.deadline())).param("updated", ts(c.updatedAt()))
                .update();
    }

    public Optional<Connection> find(ConnectionId id) {
        return jdbc.sql("SELECT * FROM provider_connections WHERE id = :id").param("id", id.value())
                .query(Connections::map).optional();
    }

    /** Locks the row for the rest of the transaction, so state changes on one connection never interleave. */
    public Optional<Connection> lock(ConnectionId id) {
        return jdbc.sql("SELECT * FROM provider_connections WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(Connections::map).optional();
    }

    public Optional<Connection> findOwned(ConnectionId id, UserId owner) {
        return jdbc.sql("SELECT * FROM provider_connections WHERE id = :id AND user_id = :user")
                .param("id", id.value()).param("user", owner.value()).query(Connections::map).optional();
    }

    public List<Connection> forUser(UserId owner) {
        return jdbc.sql("SELECT * FROM provider_connections WHERE user_id = :user ORDER BY created_at, id")
                .param("user", owner.value()).query(Connections::map).list();
    }

    public boolean delete(ConnectionId id, UserId owner) {
        return jdbc.sql("DELETE FROM provider_connections WHERE id = :id AND user_id = :user")
                .param("id", id.value()).param("user", owner.value()).update() == 1;
    }

    /** Connections a sync may use now. */
    List<Connection> usable(Instant now) {
        return jdbc.sql("""
                SELECT * FROM provider_connections
                WHERE status = 'active' OR (status = 'reauth_required' AND deadline > :now)
                ORDER BY created_at, id""")
                .param("now", ts(now)).query(Connections::map).list();
    }

    /** Active grants that are past the reauth point, and grants that are past their deadline. */
    public List<ConnectionId> needingReauth(Instant reauthBefore) {
        return jdbc.sql("""
                SELECT id FROM provider_connections WHERE status = 'active' AND authorized_at < :before
                  AND deadline IS NOT NULL""")
                .param("before", ts(reauthBefore)).query((rs, n) -> new ConnectionId(rs.getObject(1, UUID.class)))
                .list();
    }

    public List<ConnectionId> pastDeadline(Instant now) {
        return jdbc.sql("""
                SELECT id FROM provider_connections WHERE status IN ('active', 'reauth_required')
                  AND deadline IS NOT NULL AND deadline <= :now""")
                .param("now", ts(now)).query((rs, n) -> new ConnectionId(rs.getObject(1, UUID.class))).list();
    }

    /**
     * Claims one live connection whose deadline falls within {@code (now, horizon]} and whose owner was not yet
     * reminded of that deadline, marking it reminded; empty when none is left. The mark commits with the caller's
     * transaction (the reminder mail), and SKIP LOCKED plus the re-checked condition make each reminder one
     * instance's, once: a replica that waited on the row sees it reminded and skips it.
     */
    public Optional<Connection> claimReminder(Instant now, Instant horizon) {
        return jdbc.sql("""
                UPDATE provider_connections c SET reminded_deadline = c.deadline
                FROM (SELECT id FROM provider_connections
                      WHERE status IN ('active', 'reauth_required') AND deadline IS NOT NULL
                        AND deadline > :now AND deadline <= :horizon
                        AND reminded_deadline IS DISTINCT FROM deadline
                      ORDER BY deadline LIMIT 1 FOR UPDATE SKIP LOCKED) due
                WHERE c.id = due.id AND c.reminded_deadline IS DISTINCT FROM c.deadline
                RETURNING c.*""")
                .param("now", ts(now)).param("horizon", ts(horizon)).query(Connections::map).optional();
    }

    /** How many connections (of every user) have {@code status}: a metric, read at scrape time. */
    long countByStatus(ConnectionStatus status) {
        return jdbc.sql("SELECT count(*) FROM provider_connections WHERE status = :s").param("s", status.db())
                .query(Long.class).single();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Connection map(ResultSet rs, int row) throws SQLException {
        return new Connection(new ConnectionId(rs.getObject("id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), rs.getString("provider_key"),
                rs.getString("category"), rs.getString("alias"), ConnectionStatus.of(rs.getString("status")),
                rs.getString("status_reason"), instant(rs, "authorized_at"), instant(rs, "deadline"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
