package io.dashtam.core;

import java.util.Map;

/** The request is valid but clashes with the current state (a duplicate name, a connection in the wrong status). */
public final class ConflictException extends DomainException {

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, ?> details) {
        super(null, message, details);
    }
}
