package io.dashtam.core;

import java.util.Map;

/** The caller is known but may not do this (not an admin, a disabled account, sign-up closed). */
public final class ForbiddenException extends DomainException {

    public ForbiddenException(String message) {
        this(message, Map.of());
    }

    public ForbiddenException(String message, Map<String, ?> details) {
        super(null, message, details);
    }
}
