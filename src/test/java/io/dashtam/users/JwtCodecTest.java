package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.dashtam.core.KeyRing;
import io.dashtam.core.UserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JwtCodecTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(15);

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final String oldKey = key();
    private final String newKey = key();
    private final JwtCodec before = new JwtCodec(KeyRing.parse("T", "old:" + oldKey));
    private final JwtCodec during = new JwtCodec(KeyRing.parse("T", "new:" + newKey + ",old:" + oldKey));
    private final JwtCodec after = new JwtCodec(KeyRing.parse("T", "new:" + newKey));
    private final UserId user = UserId.random();
    private final UUID session = UUID.randomUUID();

    @Test
    void roundTripsItsClaimsUntilExpiry() {
        String token = during.sign(user, session, Set.of("user", "admin"), NOW, TTL);
        var claims = during.verify(token, NOW.plus(TTL).minusSeconds(1)).orElseThrow();
        assertThat(claims.user()).isEqualTo(user);
        assertThat(claims.sessionId()).isEqualTo(session);
        assertThat(claims.roles()).containsExactlyInAnyOrder("user", "admin");
        assertThat(during.verify(token, NOW.plus(TTL))).isEmpty();
    }

    @Test
    void aSecondSpellingOfTheSignatureIsRefused() {
        String token = during.sign(user, session, Set.of("user"), NOW, TTL);
        // 32 signature bytes take 43 base64url characters; the last one's two low bits are unused.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String respelled = token.substring(0, token.length() - 1) + twin;
        assertThat(Base64.getUrlDecoder().decode(respelled.substring(respelled.lastIndexOf('.') + 1)))
                .as("the same signature bytes").isEqualTo(Base64.getUrlDecoder()
                        .decode(token.substring(token.lastIndexOf('.') + 1)));
        assertThat(during.verify(token, NOW)).isPresent();
        assertThat(during.verify(respelled, NOW)).isEmpty();
    }

    @Test
    void aKeyRotationKeepsOldTokensValidUntilTheOldKeyIsDropped() throws Exception {
        String oldToken = before.sign(user, session, Set.of("user"), NOW, TTL);
        String newToken = during.sign(user, session, Set.of("user"), NOW, TTL);
        assertThat(SignedJWT.parse(oldToken).getHeader().getKeyID()).isEqualTo("old");
        assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).as("the first key signs").isEqualTo("new");
        assertThat(during.verify(oldToken, NOW)).isPresent();
        assertThat(during.verify(newToken, NOW)).isPresent();
        assertThat(after.verify(oldToken, NOW)).isEmpty();
        assertThat(after.verify(newToken, NOW)).isPresent();
    }

    @Test
    void refusesUnsignedOtherAlgorithmsWrongKeysAndGarbage() throws Exception {
        String good = during.sign(user, session, Set.of("user"), NOW, TTL);
        var claims = SignedJWT.parse(good).getJWTClaimsSet();
        String none = new PlainJWT(new PlainHeader(), claims).serialize();
        var hs512 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).keyID("new").build(), claims);
        hs512.sign(new MACSigner(new byte[64]));
        var wrongKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("new").build(), claims);
        wrongKey.sign(new MACSigner(Base64.getDecoder().decode(key())));
        var noKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
        noKid.sign(new MACSigner(Base64.getDecoder().decode(newKey)));
        for (String bad : new String[] {none, hs512.serialize(), wrongKey.serialize(), noKid.serialize(), "x.y.z",
                "", good.substring(0, good.length() - 3) + "abc"}) {
            assertThat(during.verify(bad, NOW)).as(bad).isEmpty();
        }
    }

    @Test
    void aRememberedTokenStillExpiresAndOnlyGoodTokensAreRemembered() {
        String token = during.sign(user, session, Set.of("user"), NOW, TTL);
        assertThat(during.verify(token, NOW)).isPresent();
        assertThat(during.verify(token, NOW.plusSeconds(1))).as("served from memory").isPresent();
        assertThat(during.remembered()).isEqualTo(1);
        assertThat(during.verify(token, NOW.plus(TTL))).isEmpty();
        assertThat(during.remembered()).as("an expired token is forgotten").isZero();
        assertThat(during.verify(token.substring(0, token.length() - 2) + "xx", NOW)).isEmpty();
        assertThat(during.verify("x.y.z", NOW)).isEmpty();
        assertThat(during.remembered()).as("refused tokens take no room").isZero();
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfTokens() {
        for (int i = 0; i <= JwtCodec.MAX_REMEMBERED + 5; i++) {
            assertThat(during.verify(during.sign(user, UUID.randomUUID(), Set.of("user"), NOW, TTL), NOW)).isPresent();
        }
        assertThat(during.remembered()).isBetween(1, JwtCodec.MAX_REMEMBERED);
    }
}
