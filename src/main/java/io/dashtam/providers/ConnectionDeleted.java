package io.dashtam.providers;

import io.dashtam.core.UserId;

/** A user deleted a connection; published inside the deleting transaction so its data goes with it, or not at all. */
public record ConnectionDeleted(ConnectionId connectionId, UserId userId) {
}
