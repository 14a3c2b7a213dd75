package io.dashtam.core;

import java.util.Map;

/** The caller could not be proven to be anyone: wrong credentials, or a token that is invalid or expired. */
public final class UnauthenticatedException extends DomainException {

    public UnauthenticatedException(String message) {
        super(null, message, Map.of());
    }
}
