package io.dashtam.users;

import io.dashtam.core.Hashing;
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

/** Personal access tokens in plain SQL; only SHA-256 hashes of the tokens are stored. */
@Repository
class PersonalAccessTokens {

    private final JdbcClient jdbc;

    PersonalAccessTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PersonalAccessToken token, String secret) {
        jdbc.sql("""
                INSERT INTO personal_access_tokens (id, user_id, name, scope, token_hash, created_at, expires_at)
                VALUES (:id, :user, :name, :scope, :hash, :created, :expires)""")
                .param("id", token.id()).param("user", token.userId().value()).param("name", token.name())
                .param("scope", token.scope().value()).param("hash", Hashing.sha256(secret))
                .param("created", Timestamp.from(token.createdAt())).param("expires", Timestamp.from(token.expiresAt()))
                .update();
    }

    /** The token a secret names, with whether its account is active; empty when no token has that hash. */
    record Presented(PersonalAccessToken token, boolean accountActive, java.util.Set<String> roles) {
    }

    Optional<Presented> byToken(String secret) {
        return jdbc.sql("""
                SELECT t.*, u.status, u.role FROM personal_access_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = :hash""")
                .param("hash", Hashing.sha256(secret))
                .query((rs, n) -> new Presented(map(rs, n), "active".equals(rs.getString("status")),
                        "admin".equals(rs.getString("role")) ? java.util.Set.of("user", "admin")
                                : java.util.Set.of("user")))
                .optional();
    }

    /** The user's tokens that are not revoked, newest first (expired ones included, so the owner sees why). */
    List<PersonalAccessToken> live(UserId user) {
        return jdbc.sql("""
                SELECT * FROM personal_access_tokens WHERE user_id = :user AND revoked_at IS NULL
                ORDER BY created_at DESC, id""")
                .param("user", user.value()).query(PersonalAccessTokens::map).list();
    }

    /** Revokes one of the user's own tokens; false when the user has no unrevoked token with that id. */
    boolean revoke(UserId user, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE personal_access_tokens SET revoked_at = :now
                WHERE id = :id AND user_id = :user AND revoked_at IS NULL""")
                .param("now", Timestamp.from(now)).param("id", id).param("user", user.value()).update() == 1;
    }

    int revokeAll(UserId user, Instant now) {
        return jdbc.sql("UPDATE personal_access_tokens SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .param("now", Timestamp.from(now)).param("user", user.value()).update();
    }

    void touch(UUID id, Instant now, String ip) {
        jdbc.sql("UPDATE personal_access_tokens SET last_used_at = :now, last_used_ip = :ip WHERE id = :id")
                .param("now", Timestamp.from(now)).param("ip", ip).param("id", id).update();
    }

    private static PersonalAccessToken map(ResultSet rs, int row) throws SQLException {
        return new PersonalAccessToken(rs.getObject("id", UUID.class), new UserId(rs.getObject("user_id", UUID.class)),
                rs.getString("name"), PersonalAccessToken.Scope.parse(rs.getString("scope")).orElseThrow(),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "last_used_at"),
                rs.getString("last_used_ip"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
