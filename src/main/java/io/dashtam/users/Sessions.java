package io.dashtam.users;

import io.dashtam.core.RequestOrigin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Opens login sessions and issues their tokens; only hashes of refresh tokens are stored. */
@Component
class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AccessTokens accessTokens;
    private final UsersProperties properties;
    private final Clock clock;

    Sessions(JdbcClient jdbc, AccessTokens accessTokens, UsersProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.clock = clock;
    }

    record Opened(UUID sessionId, SessionController.TokenResponse response) {
    }

    Opened open(User user) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Instant expires = now.plus(properties.refreshTokenTtl());
        RequestOrigin origin = RequestOrigin.current();
        jdbc.sql("""
                INSERT INTO user_sessions (id, user_id, created_at, expires_at, last_used_at, ip, user_agent)
                VALUES (:id, :user, :now, :expires, :now, :ip, :ua)""")
                .param("id", id).param("user", user.id().value()).param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires)).param("ip", origin.ip()).param("ua", origin.userAgent())
                .update();
        String refresh = newRefreshToken();
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES (:hash, :session, :now)")
                .param("hash", hash(refresh)).param("session", id).param("now", Timestamp.from(now)).update();
        var access = accessTokens.issue(user.id(), id, user.roles());
        return new Opened(id, new SessionController.TokenResponse(access.token(), "Bearer",
                properties.accessTokenTtl().toSeconds(), access.expiresAt(), refresh, expires, id.toString()));
    }

    static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
