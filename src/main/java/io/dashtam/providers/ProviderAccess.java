package io.dashtam.providers;

import io.dashtam.core.UserId;
import io.dashtam.providers.connections.Connections;
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

    /**
     * The provider refused {@code rejected} (HTTP 401) before its recorded expiry: the tokens are refreshed once
     * (the same single refresh across instances: when another caller refreshed meanwhile, its token is used) and
     * a session with the new token is returned. A refused refresh moves the connection on as any refused refresh
     * does ({@code expired}, {@code reauth_required}, {@code revoked}) and throws {@link ConnectionUnusableException}
     * with that reason; it never loops.
     */
    ProviderSession reopenAfterRejection(ConnectionId id, io.dashtam.core.Secret rejected);

    /**
     * The provider refused access to data for good: {@code revoked} (HTTP 403, access withdrawn at the provider;
     * its tokens or pasted credential are deleted) or {@code error} with the readable reason (SimpleFIN's 402, a
     * token refused again right after a refresh).
     */
    void providerRefused(ConnectionId id, boolean revoked, String reason);

    /**
     * What the provider reported beside its data at a sync that reached it (SimpleFIN's {@code errors}) becomes the
     * connection's latest warnings, shown with it; none clears them.
     */
    void providerWarnings(ConnectionId id, ProviderWarnings warnings);

    /**
     * Whether the connection's own request budget ({@link ProviderLimits#perConnection()}) is spent right now, and
     * until when; empty when one more request fits or its provider declares none. A snapshot for refusing a manual
     * sync early: the request itself spends under a lock shared by every replica.
     */
    Optional<BudgetSpent> requestBudgetSpent(ConnectionId id);

    /** The caller's own connection, or {@link io.dashtam.core.NotFoundException} (also for another user's). */
    ConnectionInfo findOwned(ConnectionId id, UserId owner);
}
