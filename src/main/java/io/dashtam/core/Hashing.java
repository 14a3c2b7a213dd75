package io.dashtam.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one place that computes a SHA-256 (stored token hashes, derived ids, file checksums) and makes the random
 * one-time codes and tokens: 256 random bits (base64url), kept as SHA-256 only; PKCE S256. Text is hashed as its
 * UTF-8 bytes. Keyed MACs (the access token's HS256) are not digests and stay with their signer.
 */
public final class Hashing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Hashing() {
    }

    /** 256 random bits as 43 base64url characters (no padding). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    public static byte[] sha256(String value) {
        return sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The SHA-256 as 64 lower-case hex digits. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value));
    }

    /** The SHA-256 as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    /** RFC 7636 S256: the code challenge of a PKCE verifier (the SHA-256, base64url without padding). */
    public static String s256(String verifier) {
        return BASE64URL.encodeToString(sha256(verifier));
    }

    /**
     * Whether {@code value} hashes to {@code storedHash}, compared in constant time so timing does not reveal how
     * much of a stored hash a guess matched.
     */
    public static boolean matchesSha256(byte[] storedHash, String value) {
        return storedHash != null && MessageDigest.isEqual(storedHash, sha256(value));
    }
}
