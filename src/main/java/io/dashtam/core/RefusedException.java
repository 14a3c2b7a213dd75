package io.dashtam.core;

import java.util.Map;

/**
 * Input that was read but cannot be used as a whole: a token that is invalid, expired or used, a file that cannot
 * be imported (its details name the line and field), a credential the provider refused.
 */
public final class RefusedException extends DomainException {

    public RefusedException(String message) {
        super(null, message, Map.of());
    }

    public RefusedException(String summary, String message, Map<String, ?> details) {
        super(summary, message, details);
    }
}
