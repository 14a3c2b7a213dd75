package io.dashtam.providers;

import io.dashtam.core.UserId;
import java.time.Instant;

/**
 * A connection's grant moved on: {@code active} (tokens stored after an authorization), {@code reauth_required} or
 * {@code expired}; {@code deadline} is the grant's end when it has one. Published inside the changing transaction.
 */
public record ConnectionStatusChanged(ConnectionId connectionId, UserId userId, String provider, String status,
        Instant deadline) {
}
