package io.dashtam.core;

import java.util.Map;

/** A party Dashtam depends on (a provider) could not be reached or answered something unusable. */
public final class UpstreamException extends DomainException {

    public UpstreamException(String message) {
        this(message, Map.of());
    }

    public UpstreamException(String message, Map<String, ?> details) {
        super(null, message, details);
    }
}
