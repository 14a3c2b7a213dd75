package io.dashtam.core;

import java.util.Map;

/** The caller could not be proven to be anyone: wrong credentials, or a token that is invalid or expired. */
public final class UnauthenticatedException extends DomainException {

    private final String type;

    public UnauthenticatedException(String message) {
        this(message, null);
    }

    /** With a {@link #type()} a client acts on, e.g. {@code mfa-required}: send the same again with a code. */
    public UnauthenticatedException(String message, String type) {
        super(null, message, Map.of());
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }
}
