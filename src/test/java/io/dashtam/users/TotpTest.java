package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238's own test vectors (SHA-1, 8 digits), the ±1-step window, replay, and the shapes apps read. */
class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238Vectors() {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1111111111)), 8)).isEqualTo("14050471");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(2000000000)), 8)).isEqualTo("69279037");
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
        // The 6-digit code apps show is the last six digits of the same number.
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(59)), 6)).isEqualTo("287082");
    }

    @Test
    void acceptsOneStepOfDriftEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        for (long delta = -1; delta <= 1; delta++) {
            String code = Totp.code(RFC_SECRET, step + delta, 6);
            assertThat(Totp.match(RFC_SECRET, code, now, null)).hasValue(step + delta);
        }
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2, 6), now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 2, 6), now, null)).isEmpty();
    }

    @Test
    void aCodeIsGoodOnceAndNeverForAStepAtOrBeforeTheLastUsedOne() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        long step = Totp.step(now);
        String code = Totp.code(RFC_SECRET, step, 6);
        assertThat(Totp.match(RFC_SECRET, code, now, step)).as("replayed").isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1, 6), now, step)).as("older").isEmpty();
        assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1, 6), now, step)).hasValue(step + 1);
    }

    @Test
    void refusesWhatIsNotSixDigits() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(Totp.match(RFC_SECRET, null, now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "", now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "12345", now, null)).isEmpty();
        assertThat(Totp.match(RFC_SECRET, "abcdef", now, null)).isEmpty();
        String code = Totp.code(RFC_SECRET, Totp.step(now), 6);
        assertThat(Totp.match(RFC_SECRET, " " + code.substring(0, 3) + " " + code.substring(3) + " ", now, null))
                .as("spaces as apps group the digits").isPresent();
    }

    @Test
    void base32AndTheKeyUriAreWhatAppsRead() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.uri("Dashtam", "ann@example.org", RFC_SECRET)).isEqualTo("otpauth://totp/Dashtam:ann%40"
                + "example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Dashtam&algorithm=SHA1&digits=6&period=30");
    }
}
