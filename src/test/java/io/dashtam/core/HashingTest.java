package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pinned vectors (FIPS 180-2 "abc", the empty string, RFC 7636 appendix B): stored hashes and derived ids are
 * compared with rows written by earlier versions, so every encoding must stay bit-identical.
 */
class HashingTest {

    private static final String ABC_HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void sha256OfTextIsTheDigestOfItsUtf8Bytes() {
        assertThat(Hashing.sha256("abc")).hasSize(32).isEqualTo(java.util.HexFormat.of().parseHex(ABC_HEX));
        assertThat(Hashing.sha256("café €")).isEqualTo(Hashing.sha256("café €".getBytes(StandardCharsets.UTF_8)));
        assertThat(Hashing.sha256Hex("café €"))
                .isEqualTo("e66baa599b628bfeacdf904db6d22eb50d9feaadb2947a689b1ef83707a1d4f2");
    }

    @Test
    void hexIsLowerCaseAndSixtyFourDigits() {
        assertThat(Hashing.sha256Hex("abc")).isEqualTo(ABC_HEX);
        assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC_HEX);
        assertThat(Hashing.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void s256IsTheRfc7636Challenge() {
        assertThat(Hashing.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Hashing.s256("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    }

    @Test
    void randomIs256BitsOfBase64Url() {
        String a = Hashing.random();
        assertThat(a).matches("[A-Za-z0-9_-]{43}");
        assertThat(java.util.Base64.getUrlDecoder().decode(a)).hasSize(32);
        assertThat(Hashing.random()).isNotEqualTo(a);
    }

    @Test
    void matchesComparesAValueWithAStoredHash() {
        byte[] stored = Hashing.sha256("cookie-value");
        assertThat(Hashing.matchesSha256(stored, "cookie-value")).isTrue();
        assertThat(Hashing.matchesSha256(stored, "cookie-valuf")).isFalse();
        assertThat(Hashing.matchesSha256(null, "cookie-value")).isFalse();
        assertThat(Hashing.matchesSha256(new byte[0], "cookie-value")).isFalse();
    }
}
