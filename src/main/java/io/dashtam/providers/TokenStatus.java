package io.dashtam.providers;

import java.time.Instant;

/** A connection's grant as its owner may see it: its state and times, never the tokens. */
public record TokenStatus(String connectionId, String status, String statusReason, boolean connected,
        Instant expiresAt, Instant refreshDeadline, Instant reauthRequiredAt, Instant lastRefreshedAt,
        Instant nextRefreshAt, int refreshFailures, String lastError, String scope) {
}
