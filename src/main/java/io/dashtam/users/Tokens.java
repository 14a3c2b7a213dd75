package io.dashtam.users;

import io.dashtam.core.Secret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Opaque bearer secrets (refresh, verification, reset tokens): 256 random bits; only a SHA-256 is stored. */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static Secret newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** High-entropy tokens need no salt or slow hash: a SHA-256 cannot be reversed to a usable token. */
    static byte[] hash(Secret token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.bytes());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
