package io.dashtam.providers;

import io.dashtam.core.UserId;

/** A connection's tokens were refreshed at the provider; published inside the refreshing transaction. */
public record TokenRefreshed(ConnectionId connectionId, UserId userId, String provider) {
}
