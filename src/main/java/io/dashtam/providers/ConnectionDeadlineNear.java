package io.dashtam.providers;

import io.dashtam.core.UserId;
import java.time.Instant;

/** A connection's grant ends within a day ({@code deadline}); published once per deadline, when it is claimed. */
public record ConnectionDeadlineNear(ConnectionId connectionId, UserId userId, String provider, Instant deadline) {
}
