package io.dashtam.providers;

import io.dashtam.core.NotFoundException;
import io.dashtam.providers.connections.Connection;
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
            throw new NotFoundException("Connection");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
