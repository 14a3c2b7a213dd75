package io.dashtam.providers.authorization;

import io.dashtam.core.AesGcm;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import java.time.Instant;
import java.util.UUID;

/** An oauth_states row: one authorization in progress, bound to a user and a connection. */
record PendingAuthorization(UUID id, ConnectionId connectionId, UserId userId, String providerKey,
        String redirectUri, AesGcm.Sealed sealed, byte[] cookieHash, Instant createdAt, Instant expiresAt,
        Instant linkOpenedAt, Instant usedAt) {

    /** Usable at the callback: not used yet, not expired, and its connect link was opened. */
    boolean completableAt(Instant now) {
        return usedAt == null && now.isBefore(expiresAt) && linkOpenedAt != null && cookieHash != null;
    }

    byte[] aad() {
        return TokenCipher.aad("oauth_states", id.toString());
    }
}
