package io.dashtam.users;

import io.dashtam.core.Hashing;
import io.dashtam.core.Secret;

/** Opaque bearer secrets (refresh, verification, reset tokens): 256 random bits; only a SHA-256 is stored. */
final class Tokens {

    private Tokens() {
    }

    static Secret newToken() {
        return new Secret(Hashing.random());
    }

    /** High-entropy tokens need no salt or slow hash: a SHA-256 cannot be reversed to a usable token. */
    static byte[] hash(Secret token) {
        return Hashing.sha256(token.value());
    }
}
