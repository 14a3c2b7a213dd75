package io.dashtam.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dashtam.core.Hashing;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UserId;
import java.nio.ByteBuffer;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access-token format, without Spring or a database: HS256 only, signed with the key ring's active key and
 * its {@code kid}; any key still in the ring verifies, so tokens survive a key rotation until they expire.
 *
 * <p>A client sends the same token with every call for its whole life, and parsing plus the HMAC were most of an
 * authenticated read's CPU: tokens that verified are remembered (by SHA-256, so no lookup compares a presented
 * token with a real one character by character) until they expire. The key ring is fixed for the life of the
 * process, so a remembered verdict cannot go stale; only expiry moves, and it is checked on every call.
 */
final class JwtCodec {

    private static final String ISSUER = "dashtam";

    /** Enough for every token live at once on a busy instance; when full, it starts again (bounded memory). */
    static final int MAX_REMEMBERED = 10_000;

    private final KeyRing keys;
    private final Map<Digest, Claims> verified = new ConcurrentHashMap<>();

    JwtCodec(KeyRing keys) {
        this.keys = keys;
    }

    /** What a valid token claims. */
    record Claims(UserId user, UUID sessionId, Set<String> roles, Instant expiresAt) {
    }

    private record Digest(long a, long b, long c, long d) {
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
        Digest digest = digest(token);
        Claims known = verified.get(digest);
        if (known == null) {
            known = parseAndVerify(token).orElse(null);
            if (known == null) {
                return Optional.empty();
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(digest, known);
        }
        if (!now.isBefore(known.expiresAt())) {
            verified.remove(digest);
            return Optional.empty();
        }
        return Optional.of(known);
    }

    int remembered() {
        return verified.size();
    }

    private static Digest digest(String token) {
        ByteBuffer hash = ByteBuffer.wrap(Hashing.sha256(token));
        return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    private Optional<Claims> parseAndVerify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Only the canonical encoding of a signature counts: the last base64url character carries unused bits,
            // and a second spelling of the same token must not verify (nor occupy a second entry above).
            if (!com.nimbusds.jose.util.Base64URL.encode(jwt.getSignature().decode()).toString()
                    .equals(jwt.getSignature().toString())) {
                return Optional.empty();
            }
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
            if (!ISSUER.equals(claims.getIssuer()) || expires == null) {
                return Optional.empty();
            }
            Set<String> roles = new HashSet<>();
            List<String> claimed = claims.getStringListClaim("roles");
            if (claimed != null) {
                roles.addAll(claimed);
            }
            return Optional.of(new Claims(UserId.of(claims.getSubject()),
                    UUID.fromString(claims.getStringClaim("sid")), Set.copyOf(roles), expires.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
