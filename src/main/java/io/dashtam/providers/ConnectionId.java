package io.dashtam.providers;

import java.util.Objects;
import java.util.UUID;

/** Identifies a provider connection. */
public record ConnectionId(UUID value) {

    public ConnectionId {
        Objects.requireNonNull(value, "connection id");
    }

    public static ConnectionId random() {
        return new ConnectionId(UUID.randomUUID());
    }

    /** Parses a path variable; anything that is not a UUID is simply a connection that does not exist. */
    static ConnectionId parse(String value) {
        try {
            return new ConnectionId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw io.dashtam.core.ApiException.notFound("Connection");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
