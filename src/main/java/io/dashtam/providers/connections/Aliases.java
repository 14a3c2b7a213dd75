package io.dashtam.providers.connections;

/** A connection alias: trimmed, 1-100 characters, no control characters; unique per user ignoring case. */
public final class Aliases {

    private Aliases() {
    }

    public static String normalize(String alias) {
        if (alias == null) {
            throw new IllegalArgumentException("alias is required");
        }
        String trimmed = alias.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IllegalArgumentException("alias must be 1-100 characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("alias must not contain control characters");
        }
        return trimmed;
    }
}
