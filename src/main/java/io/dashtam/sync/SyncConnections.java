package io.dashtam.sync;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the sync engine needs from provider connections: who owns one, which are active, and an authorized session
 * (tokens refreshed first). Implemented over the providers module's ProviderAccess.
 */
interface SyncConnections {

    Optional<Connection> find(UUID connectionId);

    List<Connection> active();

    /** Throws {@link UnusableException} when the connection cannot be used (expired, revoked, pending). */
    Session open(UUID connectionId);

    /**
     * The provider refused {@code rejected}'s token before its recorded expiry: refresh once (across instances)
     * and return the new session; throws {@link UnusableException} with the connection's new status and reason
     * when the refresh is refused.
     */
    default Session reopen(UUID connectionId, Session rejected) {
        throw new UnusableException("the provider refused the access token (HTTP 401)");
    }

    /** The provider refused access for good: 403 makes the connection revoked, anything else error. */
    default void refused(UUID connectionId, boolean revoked, String reason) {
    }

    record Connection(UUID id, UserId userId, String providerKey, String category, String status) {
        boolean syncable() {
            return "brokerage".equals(category) && ("active".equals(status) || "reauth_required".equals(status));
        }
    }

    record Session(URI apiBaseUrl, Secret accessToken, HttpClient http) {
        public Session {
            Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(http, "http");
        }
    }

    /** The connection cannot be synced now; the message is a reason fit for the user. */
    final class UnusableException extends RuntimeException {
        UnusableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
