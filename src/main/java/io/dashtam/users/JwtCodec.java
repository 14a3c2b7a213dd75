package io.dashtam.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UserId;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The access-token format, without Spring or a database: HS256 only, signed with the key ring's active key and
 * its {@code kid}; any key still in the ring verifies, so tokens survive a key rotation until they expire.
 */
final class JwtCodec {

    private static final String ISSUER = "dashtam";

    private final KeyRing keys;

    JwtCodec(KeyRing keys) {
        this.keys = keys;
    }

    /** What a valid token claims. */
    record Claims(UserId user, UUID sessionId, Set<String> roles) {
    }

    String sign(UserId user, UUID sessionId, Set<String> roles, Instant now, Duration ttl) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(user.toString())
                .claim("sid", sessionId.toString()).claim("roles", List.copyOf(roles))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.activeId()).build(), claims);
        try {
            jwt.sign(new MACSigner(keys.activeKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign access token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a well-formed, correctly signed, unexpired token; empty for anything else. */
    Optional<Claims> verify(String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getKeyID() == null) {
                return Optional.empty();
            }
            Optional<byte[]> key = keys.key(header.getKeyID());
            if (key.isEmpty() || !jwt.verify(new MACVerifier(key.get()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expires == null || !now.isBefore(expires.toInstant())) {
                return Optional.empty();
            }
            Set<String> roles = new HashSet<>();
            List<String> claimed = claims.getStringListClaim("roles");
            if (claimed != null) {
                roles.addAll(claimed);
            }
            return Optional.of(new Claims(UserId.of(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")), roles));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
