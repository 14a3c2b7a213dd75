package io.dashtam.providers;

import io.dashtam.core.UserId;

/** Published inside the transaction that makes a connection usable (authorized, or a file connection created). */
public record ConnectionActivated(ConnectionId connectionId, UserId userId, String providerKey) {
}
