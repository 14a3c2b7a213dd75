package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OneTimeTokenTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void redeemableOnceBeforeExpiry() {
        var token = new OneTimeToken(UserId.random(), OneTimeToken.Purpose.PASSWORD_RESET,
                NOW.plus(Duration.ofHours(1)), null);
        assertThat(token.isRedeemable(NOW)).isTrue();
        var used = token.redeemed(NOW);
        assertThat(used.isRedeemable(NOW)).isFalse();
        assertThatThrownBy(() -> used.redeemed(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void expiredTokensAreRefused() {
        var token = new OneTimeToken(UserId.random(), OneTimeToken.Purpose.EMAIL_VERIFICATION, NOW, null);
        assertThat(token.isRedeemable(NOW)).isFalse();
        assertThatThrownBy(() -> token.redeemed(NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tokensAreOpaqueAndHashed() {
        var a = Tokens.newToken();
        assertThat(a.value()).hasSize(43).doesNotContain("=");
        assertThat(a).hasToString("[redacted]");
        assertThat(Tokens.hash(a)).hasSize(32).isEqualTo(Tokens.hash(new io.dashtam.core.Secret(a.value())));
        assertThat(Tokens.newToken().value()).isNotEqualTo(a.value());
        assertThat(Outbox.masked("jane@example.org")).isEqualTo("j***@example.org");
    }

    @Test
    void storedHashIsTheSha256OfTheTokensUtf8Text() {
        // Rows written before the hashing moved to core must still match: pinned to the FIPS 180-2 "abc" vector.
        assertThat(java.util.HexFormat.of().formatHex(Tokens.hash(new io.dashtam.core.Secret("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
