package io.dashtam.providers;

import io.dashtam.core.UserId;
import java.util.List;
import java.util.Optional;

/** How other modules (sync) use connections: look them up, check ownership, and open an API session. */
public interface ProviderAccess {

    /**
     * A session with a fresh access token (refreshed first when it expires within 5 minutes). Throws
     * {@link ConnectionUnusableException} with a clear reason unless the connection is active, or
     * {@code reauth_required} before its deadline.
     */
    ProviderSession open(ConnectionId id);

    Optional<ConnectionInfo> find(ConnectionId id);

    /** Connections that can be synced now: active, or reauth_required before the deadline. */
    List<ConnectionInfo> activeConnections();

    /** The adapter of an enabled provider, by key (the port the sync engine fetches through). */
    Optional<ProviderAdapter> adapter(String providerKey);

    /** The caller's own connection, or {@code ApiException.notFound} (also for another user's). */
    ConnectionInfo findOwned(ConnectionId id, UserId owner);
}
