package io.dashtam.core;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message and caller-supplied associated data, which binds a
 * ciphertext to its context (e.g. the row it belongs to): moved anywhere else, it no longer decrypts.
 */
public final class AesGcm {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    public AesGcm(KeyRing keys) {
        this.keys = keys;
    }

    /** A ciphertext with the id of the key that made it. {@code sealed} = nonce || ciphertext || tag. */
    public record Sealed(String keyId, byte[] sealed) {
        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + ", " + sealed.length + " bytes]";
        }
    }

    public Sealed encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.activeKey(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] body = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + body.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(body, 0, out, NONCE_BYTES, body.length);
            return new Sealed(keys.activeId(), out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Throws {@link DecryptionFailedException} on an unknown key, tampering or the wrong associated data. */
    public byte[] decrypt(Sealed sealed, byte[] associatedData) {
        byte[] key = keys.key(sealed.keyId())
                .orElseThrow(() -> new DecryptionFailedException("unknown key id " + sealed.keyId()));
        byte[] data = sealed.sealed();
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("ciphertext too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("ciphertext rejected (tampered, moved or wrong key)");
        }
    }

    public String activeKeyId() {
        return keys.activeId();
    }

    public static final class DecryptionFailedException extends RuntimeException {
        public DecryptionFailedException(String message) {
            super(message);
        }
    }
}
