package io.dashtam.sync;

import io.dashtam.core.UserId;
import io.dashtam.providers.ProviderCalls;
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

    Optional<SyncTarget> find(UUID connectionId);

    List<SyncTarget> active();

    /**
     * Throws {@link UnusableException} when the connection cannot be used (expired, revoked, pending). Every HTTP
     * request of the session's fetch is admitted by the provider's shared budget first; {@code waits} hears of each
     * wait and each request.
     */
    SyncSession open(UUID connectionId, ProviderCalls.WaitListener waits);

    /**
     * The provider refused {@code rejected}'s credential before its recorded expiry: refresh once (across
     * instances) and return the new session; throws {@link UnusableException} with the connection's new status
     * and reason when the refresh is refused.
     */
    default SyncSession reopen(UUID connectionId, SyncSession rejected, ProviderCalls.WaitListener waits) {
        throw new UnusableException("the provider refused the access token (HTTP 401)");
    }

    /**
     * The provider refused access for good: 403 makes the connection revoked, anything else (a 402, a token refused
     * right after its refresh) error with the reason.
     */
    default void refused(UUID connectionId, boolean revoked, String reason) {
    }

    /** The connection's own request budget is spent (a manual sync is refused until then); empty when not. */
    Optional<io.dashtam.providers.BudgetSpent> requestBudgetSpent(UUID connectionId);

    /** A sync that reached the provider: its warnings become the connection's latest (none clears them). */
    void warned(UUID connectionId, io.dashtam.providers.ProviderWarnings warnings);

    /** How long until the next scheduled sync: the configured interval, or longer when the provider asks so. */
    java.time.Duration interval(UUID connectionId, java.time.Duration configured);

    record SyncTarget(UUID id, UserId userId, String providerKey, String category, String status) {
        boolean syncable() {
            return !"file".equals(category) && ("active".equals(status) || "reauth_required".equals(status));
        }
    }

    /** @param credential the credential the fetch uses (to tell a refused one from one refreshed meanwhile) */
    record SyncSession(ProviderFetch fetch, ProviderLimits limits, io.dashtam.core.Secret credential) {
        public SyncSession {
            Objects.requireNonNull(fetch, "fetch");
            Objects.requireNonNull(limits, "limits");
        }

        public SyncSession(ProviderFetch fetch, ProviderLimits limits) {
            this(fetch, limits, null);
        }
    }

    /** The connection cannot be synced now; the message is a reason fit for the user. */
    final class UnusableException extends RuntimeException {
        UnusableException(String reason) {
            super(reason, null, false, false);
        }
    }
}
