package io.dashtam.users;

import io.dashtam.core.Hashing;
import java.util.regex.Pattern;

/** The secret part of an invite link: what {@link Hashing#random()} makes. Only its SHA-256 is ever stored. */
record InviteToken(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Anything else (huge, NUL, garbage) is refused here, before it reaches the database. */
    InviteToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an invite token");
        }
    }

    static InviteToken random() {
        return new InviteToken(Hashing.random());
    }

    byte[] hash() {
        return Hashing.sha256(value);
    }

    @Override
    public String toString() {
        return "InviteToken[redacted]";
    }
}
