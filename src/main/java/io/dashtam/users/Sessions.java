package io.dashtam.users;

import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Login sessions and their refresh tokens, in plain SQL. Only hashes of refresh tokens are stored. */
@Repository
class Sessions {

    private final JdbcClient jdbc;
    private final UsersProperties properties;
    private final Clock clock;
    private final SessionLiveness liveness;

    Sessions(JdbcClient jdbc, UsersProperties properties, Clock clock, SessionLiveness liveness) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.liveness = liveness;
    }

    /** A session as its owner sees it. */
    record Session(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip, String userAgent) {
    }

    /** A freshly issued refresh token (the value only ever goes into the response body). */
    record IssuedRefresh(UUID sessionId, Secret token, Instant expiresAt) {
    }

    /** A browser's session: the cookie token goes only into Set-Cookie; only its hash is stored. */
    record BrowserSession(UUID sessionId, Secret cookieToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "BrowserSession[" + sessionId + "]";
        }
    }

    IssuedRefresh open(UserId user) {
        Instant now = clock.instant();
        return issueRefresh(insert(user, now), now);
    }

    /** A session authenticated by a cookie token (web_sessions) instead of a refresh token; it lives as long. */
    BrowserSession openBrowser(UserId user) {
        Instant now = clock.instant();
        UUID session = insert(user, now);
        Secret cookie = Tokens.newToken();
        jdbc.sql("INSERT INTO web_sessions (token_hash, session_id, created_at) VALUES (:hash, :session, :now)")
                .param("hash", Tokens.hash(cookie)).param("session", session).param("now", Timestamp.from(now))
                .update();
        return new BrowserSession(session, cookie, now.plus(properties.refreshTokenTtl()));
    }

    private UUID insert(UserId user, Instant now) {
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(properties.refreshTokenTtl());
        RequestOrigin origin = RequestOrigin.current();
        jdbc.sql("""
                INSERT INTO user_sessions (id, user_id, created_at, expires_at, last_used_at, ip, user_agent)
                VALUES (:id, :user, :now, :expires, :now, :ip, :ua)""")
                .param("id", id).param("user", user.value()).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires)).param("ip", origin.ip()).param("ua", origin.userAgent())
                .update();
        return id;
    }

    /** The token's state with a row lock, so two concurrent uses of one token are judged one after the other. */
    Optional<Presented> lockToken(Secret token) {
        return jdbc.sql("""
                SELECT t.session_id, t.issued_at, t.expires_at, t.rotated_at, s.revoked_at, s.user_id
                FROM refresh_tokens t JOIN user_sessions s ON s.id = t.session_id
                WHERE t.token_hash = :hash FOR UPDATE OF t, s""")
                .param("hash", Tokens.hash(token))
                .query((rs, n) -> new Presented(new UserId(rs.getObject("user_id", UUID.class)),
                        new RefreshToken(rs.getObject("session_id", UUID.class), instant(rs, "issued_at"),
                                instant(rs, "expires_at"), instant(rs, "rotated_at"), instant(rs, "revoked_at"))))
                .optional();
    }

    record Presented(UserId userId, RefreshToken token) {
    }

    /** Marks {@code token} used and issues its successor in the same session, which lives on with it. */
    IssuedRefresh rotate(Secret token, RefreshToken state) {
        Instant now = clock.instant();
        RefreshToken used = state.rotated(now);
        int changed = jdbc.sql("UPDATE refresh_tokens SET rotated_at = :now WHERE token_hash = :hash AND rotated_at IS NULL")
                .param("now", Timestamp.from(used.rotatedAt())).param("hash", Tokens.hash(token)).update();
        if (changed != 1) {
            throw new IllegalStateException("refresh token rotated concurrently");
        }
        return issueRefresh(state.sessionId(), now);
    }

    private IssuedRefresh issueRefresh(UUID session, Instant now) {
        Secret refresh = Tokens.newToken();
        Instant expires = now.plus(properties.refreshTokenTtl());
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at)
                VALUES (:hash, :session, :now, :expires)""")
                .param("hash", Tokens.hash(refresh)).param("session", session).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires)).update();
        jdbc.sql("UPDATE user_sessions SET last_used_at = :now, expires_at = :expires WHERE id = :id")
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires)).param("id", session)
                .update();
        return new IssuedRefresh(session, refresh, expires);
    }

    /** The session a browser's cookie token names (whether still live or not), with its owner and last use. */
    record CookieSession(UUID sessionId, UserId userId, Instant lastUsedAt) {
    }

    Optional<CookieSession> byCookie(Secret cookieToken) {
        return jdbc.sql("""
                SELECT s.id, s.user_id, s.last_used_at FROM web_sessions w JOIN user_sessions s ON s.id = w.session_id
                WHERE w.token_hash = :hash""")
                .param("hash", Tokens.hash(cookieToken))
                .query((rs, n) -> new CookieSession(rs.getObject(1, UUID.class),
                        new UserId(rs.getObject(2, UUID.class)), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /** Records a use of the session, unless one was recorded since {@code now}. */
    void touch(UUID session, Instant now) {
        jdbc.sql("UPDATE user_sessions SET last_used_at = :now WHERE id = :id AND last_used_at < :now")
                .param("now", Timestamp.from(now)).param("id", session).update();
    }

    /** The user's live sessions, newest first. */
    List<Session> live(UserId user) {
        return jdbc.sql("""
                SELECT id, created_at, last_used_at, expires_at, ip, user_agent FROM user_sessions
                WHERE user_id = :user AND revoked_at IS NULL AND expires_at > :now ORDER BY created_at DESC, id""")
                .param("user", user.value()).param("now", Timestamp.from(clock.instant()))
                .query(Sessions::session).list();
    }

    /** Ends one of the user's own live sessions; false when there is none with that id for this user. */
    boolean revoke(UserId user, UUID session, String reason) {
        boolean ended = jdbc.sql("""
                UPDATE user_sessions SET revoked_at = :now, revoked_reason = :reason
                WHERE id = :id AND user_id = :user AND revoked_at IS NULL""")
                .param("now", Timestamp.from(clock.instant())).param("reason", reason).param("id", session)
                .param("user", user.value()).update() == 1;
        if (ended) {
            liveness.revoked(session);
        }
        return ended;
    }

    /** Ends every live session of the user except {@code keep} (may be null); returns how many ended. */
    int revokeAll(UserId user, UUID keep, String reason) {
        // A random id never matches, so "keep none" needs no second statement.
        int ended = jdbc.sql("""
                UPDATE user_sessions SET revoked_at = :now, revoked_reason = :reason
                WHERE user_id = :user AND revoked_at IS NULL AND id <> :keep""")
                .param("now", Timestamp.from(clock.instant())).param("reason", reason).param("user", user.value())
                .param("keep", keep == null ? UUID.randomUUID() : keep).update();
        if (ended > 0) {
            liveness.revokedAll(user);
        }
        return ended;
    }

    /** Removes sessions that ended before {@code before}; their refresh tokens go with them. */
    int purge(Instant before) {
        return jdbc.sql("DELETE FROM user_sessions WHERE expires_at < :before OR revoked_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        return new Session(rs.getObject("id", UUID.class), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "expires_at"), rs.getString("ip"), rs.getString("user_agent"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
