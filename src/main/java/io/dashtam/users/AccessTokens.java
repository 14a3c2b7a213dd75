package io.dashtam.users;

import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Access tokens: HS256 JWTs signed with the active key of {@code DASHTAM_JWT_KEYS} and carrying its {@code kid},
 * so tokens signed with an older key still verify during a rotation. Only HS256 is accepted ({@code alg: none}
 * and every other algorithm are refused), and the session must still be live and the account active, so
 * logout, revocation and disabling take effect at once ({@link SessionLiveness} keeps that true with its cache).
 */
@Component
class AccessTokens implements AccessTokenVerifier {

    private final JwtCodec codec;
    private final Clock clock;
    private final UsersProperties properties;
    private final JdbcClient jdbc;
    private final SessionLiveness liveness;
    private final PersonalTokens personalTokens;

    AccessTokens(@Value("${dashtam.crypto.jwt-keys}") String jwtKeys, Clock clock, UsersProperties properties,
            JdbcClient jdbc, SessionLiveness liveness, PersonalTokens personalTokens) {
        this.personalTokens = personalTokens;
        this.codec = new JwtCodec(KeyRing.parse("DASHTAM_JWT_KEYS", jwtKeys));
        this.clock = clock;
        this.properties = properties;
        this.jdbc = jdbc;
        this.liveness = liveness;
    }

    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    Issued issue(UserId user, UUID sessionId, Set<String> roles) {
        Instant now = clock.instant();
        return new Issued(codec.sign(user, sessionId, roles, now, properties.accessTokenTtl()),
                now.plus(properties.accessTokenTtl()));
    }

    /** Personal access tokens are told apart by their prefix and judged by {@link PersonalTokens}. */
    @Override
    public AuthenticatedUser verify(String token, String method) {
        if (token.startsWith(PersonalAccessToken.PREFIX)) {
            return personalTokens.verify(token, method);
        }
        return verify(token);
    }

    @Override
    public AuthenticatedUser verify(String token) {
        if (token.startsWith(PersonalAccessToken.PREFIX)) {
            return personalTokens.verify(token, "GET");
        }
        Instant now = clock.instant();
        JwtCodec.Claims claims = codec.verify(token, now).orElseThrow(AccessTokens::invalid);
        if (!isLive(claims.sessionId(), claims.user(), now)) {
            throw invalid();
        }
        return new AuthenticatedUser(claims.user(), claims.sessionId(), claims.roles());
    }

    /**
     * The one liveness rule for every credential of a session (bearer token, browser cookie): answered from the
     * liveness cache when it may be trusted (revocations reach it through NOTIFY), else from the database.
     */
    boolean isLive(UUID session, UserId user, Instant now) {
        if (liveness.cached(session, user, now).isPresent()) {
            return true;
        }
        long generation = liveness.generation();
        Optional<Instant> expiresAt = jdbc.sql("""
                SELECT s.expires_at FROM user_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.id = :session AND s.user_id = :user AND s.revoked_at IS NULL AND s.expires_at > :now
                  AND u.status = 'active'""")
                .param("session", session).param("user", user.value())
                .param("now", Timestamp.from(now))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        expiresAt.ifPresent(e -> liveness.remember(session, new SessionLiveness.Live(user, e), generation));
        return expiresAt.isPresent();
    }

    private static UnauthenticatedException invalid() {
        return new UnauthenticatedException("The access token is missing, expired or invalid");
    }
}
