package io.dashtam.users;

import io.dashtam.core.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user_invites table: invites by the hash of their token. */
@Repository
class Invites {

    private final JdbcClient jdbc;

    Invites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Invite invite, InviteToken token) {
        jdbc.sql("""
                INSERT INTO user_invites (id, token_hash, created_by, created_at, expires_at)
                VALUES (:id, :hash, :by, :created, :expires)""")
                .param("id", invite.id()).param("hash", token.hash()).param("by", invite.createdBy().value())
                .param("created", Timestamp.from(invite.createdAt()))
                .param("expires", Timestamp.from(invite.expiresAt())).update();
    }

    Optional<Invite> byToken(InviteToken token) {
        return jdbc.sql("SELECT * FROM user_invites WHERE token_hash = :hash").param("hash", token.hash())
                .query(Invites::map).optional();
    }

    /** The invite, its row locked until the transaction ends: two sign-ups racing for one invite take turns. */
    Optional<Invite> lock(InviteToken token) {
        return jdbc.sql("SELECT * FROM user_invites WHERE token_hash = :hash FOR UPDATE").param("hash", token.hash())
                .query(Invites::map).optional();
    }

    /** Conditional, so it can only ever turn an unused invite into a used one. */
    boolean markUsed(Invite used) {
        return jdbc.sql("UPDATE user_invites SET used_at = :at, used_by = :by WHERE id = :id AND used_at IS NULL")
                .param("at", Timestamp.from(used.usedAt())).param("by", used.usedBy().value())
                .param("id", used.id()).update() == 1;
    }

    /** The invite by id, its row locked until the transaction ends: a revoke and a sign-up racing take turns. */
    Optional<Invite> lock(UUID id) {
        return jdbc.sql("SELECT * FROM user_invites WHERE id = :id FOR UPDATE").param("id", id)
                .query(Invites::map).optional();
    }

    /** Conditional, so it can only ever turn an unused, unrevoked invite into a revoked one. */
    boolean markRevoked(Invite revoked) {
        return jdbc.sql("""
                UPDATE user_invites SET revoked_at = :at, revoked_by = :by
                WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL""")
                .param("at", Timestamp.from(revoked.revokedAt())).param("by", revoked.revokedBy().value())
                .param("id", revoked.id()).update() == 1;
    }

    /** An invite with the email of its maker (null once that account is gone), for the admin's list. */
    record Listed(Invite invite, String createdByEmail) {
    }

    List<Listed> newest(int limit) {
        return jdbc.sql("""
                SELECT i.*, u.email AS created_by_email FROM user_invites i LEFT JOIN users u ON u.id = i.created_by
                ORDER BY i.created_at DESC, i.id LIMIT :limit""")
                .param("limit", limit).query((rs, n) -> new Listed(map(rs, n), rs.getString("created_by_email")))
                .list();
    }

    /** Invites that expired unused long ago say nothing any more; used ones stay as the record of who invited whom. */
    int purge(Instant expiredBefore) {
        return jdbc.sql("DELETE FROM user_invites WHERE used_at IS NULL AND expires_at < :before")
                .param("before", Timestamp.from(expiredBefore)).update();
    }

    private static Invite map(ResultSet rs, int row) throws SQLException {
        return new Invite(rs.getObject("id", UUID.class), new UserId(rs.getObject("created_by", UUID.class)),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                instant(rs, "used_at"), user(rs, "used_by"), instant(rs, "revoked_at"), user(rs, "revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static UserId user(ResultSet rs, String column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new UserId(id);
    }
}
