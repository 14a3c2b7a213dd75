package io.dashtam.providers;

import io.dashtam.core.UserId;

/** A refresh of a connection's tokens failed; {@code reason} is fit for the owner (never a token). */
public record TokenRefreshFailed(ConnectionId connectionId, UserId userId, String provider, String reason) {
}
