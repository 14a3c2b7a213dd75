package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The oauth_states table. Lookups are by hash; the single-use updates are atomic, so a race has one winner. */
@Repository
public class OAuthStates {

    private final JdbcClient jdbc;

    public OAuthStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PendingAuthorization p, byte[] stateHash, byte[] linkHash) {
        jdbc.sql("""
                INSERT INTO oauth_states (id, state_hash, link_hash, connection_id, user_id, provider_key,
                    redirect_uri, key_id, sealed, created_at, expires_at)
                VALUES (:id, :state, :link, :connection, :user, :provider, :redirect, :key, :sealed, :created,
                    :expires)""")
                .param("id", p.id()).param("state", stateHash).param("link", linkHash)
                .param("connection", p.connectionId().value()).param("user", p.userId().value())
                .param("provider", p.providerKey()).param("redirect", p.redirectUri())
                .param("key", p.sealed().keyId()).param("sealed", p.sealed().sealed())
                .param("created", ts(p.createdAt())).param("expires", ts(p.expiresAt())).update();
    }

    /** Opens the one-time connect link: binds the browser cookie to the state, once, before expiry. */
    Optional<PendingAuthorization> openLink(byte[] linkHash, byte[] cookieHash, Instant now) {
        return jdbc.sql("""
                UPDATE oauth_states SET link_opened_at = :now, cookie_hash = :cookie
                WHERE link_hash = :link AND link_opened_at IS NULL AND used_at IS NULL AND expires_at > :now
                RETURNING *""")
                .param("link", linkHash).param("cookie", cookieHash).param("now", ts(now))
                .query(OAuthStates::map).optional();
    }

    Optional<PendingAuthorization> findByState(byte[] stateHash) {
        return jdbc.sql("SELECT * FROM oauth_states WHERE state_hash = :state").param("state", stateHash)
                .query(OAuthStates::map).optional();
    }

    /** Marks the state used; false when another request got there first. */
    boolean consume(UUID id, Instant now) {
        return jdbc.sql("UPDATE oauth_states SET used_at = :now WHERE id = :id AND used_at IS NULL")
                .param("id", id).param("now", ts(now)).update() == 1;
    }

    int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM oauth_states WHERE expires_at < :before").param("before", ts(before)).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static PendingAuthorization map(ResultSet rs, int row) throws SQLException {
        return new PendingAuthorization(rs.getObject("id", UUID.class),
                new ConnectionId(rs.getObject("connection_id", UUID.class)),
                new UserId(rs.getObject("user_id", UUID.class)), rs.getString("provider_key"),
                rs.getString("redirect_uri"), new AesGcm.Sealed(rs.getString("key_id"), rs.getBytes("sealed")),
                rs.getBytes("cookie_hash"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "link_opened_at"), instant(rs, "used_at"));
    }
}
