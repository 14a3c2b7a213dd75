package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.providers.ConnectionId;
import java.time.Instant;

/** A provider_tokens row: sealed tokens plus the times that drive refresh. */
public record StoredTokens(ConnectionId connectionId, AesGcm.Sealed sealed, String tokenType, String scope,
        Instant accessExpiresAt, Instant refreshExpiresAt, Instant nextRefreshAt, int refreshFailures,
        String lastError, Instant refreshedAt) {

    boolean accessExpiresWithin(java.time.Duration margin, Instant now) {
        return !accessExpiresAt.isAfter(now.plus(margin));
    }
}
