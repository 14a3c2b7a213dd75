package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmTest {

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    private final AesGcm cipher = new AesGcm(KeyRing.parse("K", "new:" + key(2) + ",old:" + key(1)));
    private final byte[] aad = "connection:1".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsWithTheActiveKeyId() {
        var sealed = cipher.encrypt("refresh-token-value".getBytes(StandardCharsets.UTF_8), aad);
        assertThat(sealed.keyId()).isEqualTo("new");
        assertThat(new String(cipher.decrypt(sealed, aad), StandardCharsets.UTF_8)).isEqualTo("refresh-token-value");
        assertThat(sealed.toString()).doesNotContain("refresh-token-value");
    }

    @Test
    void usesAFreshNonceEveryTime() {
        var a = cipher.encrypt(new byte[] {1, 2, 3}, aad);
        var b = cipher.encrypt(new byte[] {1, 2, 3}, aad);
        assertThat(a.sealed()).isNotEqualTo(b.sealed());
    }

    @Test
    void oldKeysStillDecrypt() {
        var old = new AesGcm(KeyRing.parse("K", "old:" + key(1)));
        var sealed = old.encrypt(new byte[] {9}, aad);
        assertThat(cipher.decrypt(sealed, aad)).containsExactly(9);
    }

    @Test
    void ciphertextMovedToAnotherRowFailsToDecrypt() {
        var sealed = cipher.encrypt(new byte[] {9}, aad);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "connection:2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
    }

    @Test
    void tamperingAndUnknownKeysAreRejected() {
        var sealed = cipher.encrypt(new byte[] {9, 9, 9}, aad);
        byte[] bytes = sealed.sealed().clone();
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(new AesGcm.Sealed("new", bytes), aad))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
        assertThatThrownBy(() -> cipher.decrypt(new AesGcm.Sealed("gone", sealed.sealed()), aad))
                .isInstanceOf(AesGcm.DecryptionFailedException.class);
    }
}
