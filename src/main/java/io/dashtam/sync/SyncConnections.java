package io.dashtam.sync;

import io.dashtam.core.UserId;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderLimits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the sync engine needs from provider connections: who owns one, which are active, and an authorized session
 * (credential refreshed first) on the connection's provider port with the provider's limits. Implemented over the
 * providers module's ProviderAccess; the engine never knows which provider it is talking to.
 */
interface SyncConnections {

    Optional<Connection> find(UUID connectionId);

    List<Connection> active();

    /** Throws {@link UnusableException} when the connection cannot be used (expired, revoked, pending). */
    Session open(UUID connectionId);

    /**
     * A provider call failed in a way that may change the connection (access revoked, payment required): the
     * providers module decides and records it.
     */
    void providerFailed(UUID connectionId, io.dashtam.providers.ProviderCallException failure);

    /** How long until the next scheduled sync: the configured interval, or longer when the provider asks so. */
    java.time.Duration interval(UUID connectionId, java.time.Duration configured);

    record Connection(UUID id, UserId userId, String providerKey, String category, String status) {
        boolean syncable() {
            return !"file".equals(category) && ("active".equals(status) || "reauth_required".equals(status));
        }
    }

    record Session(ProviderFetch fetch, ProviderLimits limits) {
        public Session {
            Objects.requireNonNull(fetch, "fetch");
            Objects.requireNonNull(limits, "limits");
        }
    }

    /** The connection cannot be synced now; the message is a reason fit for the user. */
    final class UnusableException extends RuntimeException {
        UnusableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
