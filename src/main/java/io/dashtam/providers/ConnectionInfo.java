package io.dashtam.providers;

import io.dashtam.core.UserId;

/** What other modules may know about a connection: never its tokens. */
public record ConnectionInfo(ConnectionId id, UserId userId, String providerKey, String category, String alias,
        String status) {
}
