package io.dashtam.core;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A sensitive string (password, token, client secret). It never prints itself, so it cannot leak through a
 * log line, an exception message or a serialized response by accident.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "secret");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret is empty");
        }
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison, so timing does not reveal how much of a guess was right. */
    public boolean matches(Secret other) {
        return other != null && MessageDigest.isEqual(bytes(), other.bytes());
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
