package io.dashtam.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Access tokens: HS256 JWTs signed with the active key of {@code DASHTAM_JWT_KEYS} and carrying its {@code kid},
 * so tokens signed with an older key still verify during a rotation. Only HS256 is accepted ({@code alg: none}
 * and every other algorithm are refused), and the session must still be live, so logout takes effect at once.
 */
@Component
class AccessTokens implements AccessTokenVerifier {

    private static final String ISSUER = "dashtam";

    private final KeyRing keys;
    private final Clock clock;
    private final UsersProperties properties;
    private final JdbcClient jdbc;

    AccessTokens(@Value("${dashtam.crypto.jwt-keys}") String jwtKeys, Clock clock, UsersProperties properties,
            JdbcClient jdbc) {
        this.keys = KeyRing.parse("DASHTAM_JWT_KEYS", jwtKeys);
        this.clock = clock;
        this.properties = properties;
        this.jdbc = jdbc;
    }

    record Issued(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    Issued issue(UserId user, UUID sessionId, Set<String> roles) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessTokenTtl());
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(user.toString())
                .claim("sid", sessionId.toString()).claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.activeId()).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.activeKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    @Override
    public AuthenticatedUser verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw invalid();
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
            throw invalid();
        }
        byte[] key = keys.key(jwt.getHeader().getKeyID()).orElseThrow(AccessTokens::invalid);
        try {
            if (!jwt.verify(new MACVerifier(key))) {
                throw invalid();
            }
        } catch (JOSEException e) {
            throw invalid();
        }
        Date expires = claims.getExpirationTime();
        if (!ISSUER.equals(claims.getIssuer()) || expires == null || !clock.instant().isBefore(expires.toInstant())) {
            throw invalid();
        }
        UserId user;
        UUID session;
        Set<String> roles = new HashSet<>();
        try {
            user = UserId.of(claims.getSubject());
            session = UUID.fromString(claims.getStringClaim("sid"));
            List<String> claimed = claims.getStringListClaim("roles");
            if (claimed != null) {
                roles.addAll(claimed);
            }
        } catch (ParseException | RuntimeException e) {
            throw invalid();
        }
        boolean live = jdbc.sql("""
                SELECT count(*) FROM user_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.id = :session AND s.user_id = :user AND s.revoked_at IS NULL AND s.expires_at > :now
                  AND u.status = 'active'""")
                .param("session", session).param("user", user.value())
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class).single() > 0;
        if (!live) {
            throw invalid();
        }
        return new AuthenticatedUser(user, session, roles);
    }

    private static ApiException invalid() {
        return ApiException.unauthorized("The access token is missing, expired or invalid");
    }
}
