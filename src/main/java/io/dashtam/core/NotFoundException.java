package io.dashtam.core;

import java.util.Map;

/** Nothing of that kind exists for the caller: another user's resource is answered exactly like a missing one. */
public final class NotFoundException extends DomainException {

    /** {@code what}: the kind of thing, e.g. "Connection" (the message becomes "Connection not found"). */
    public NotFoundException(String what) {
        super(null, what + " not found", Map.of());
    }

    private NotFoundException(String message, boolean custom) {
        super(null, message, Map.of());
    }

    /** With a message of its own, e.g. "No open invite with this id". */
    public static NotFoundException because(String message) {
        return new NotFoundException(message, true);
    }
}
