package io.dashtam.sync;

import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.providers.ConnectionActivated;
import io.dashtam.providers.ConnectionDeleted;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ConnectionInfo;
import io.dashtam.providers.ConnectionUnusableException;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.RateLimit;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Connections as the providers module exposes them. A brokerage connection that becomes active gets its first
 * sync queued inside the same transaction, so activation and the queued backfill commit together.
 */
@Component
class ProviderConnections implements SyncConnections {

    private final ProviderAccess access;
    private final SyncJobs jobs;
    private final Clock clock;
    private final PortfolioStore portfolio;
    private final SyncProperties properties;
    private final ProviderCalls calls;

    ProviderConnections(ProviderAccess access, SyncJobs jobs, Clock clock, PortfolioStore portfolio,
            SyncProperties properties, ProviderCalls calls) {
        this.calls = calls;
        this.portfolio = portfolio;
        this.properties = properties;
        this.access = access;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public Optional<SyncTarget> find(UUID connectionId) {
        return access.find(new ConnectionId(connectionId)).map(ProviderConnections::connection);
    }

    @Override
    public List<SyncTarget> active() {
        return access.activeConnections().stream().map(ProviderConnections::connection).toList();
    }

    @Override
    public SyncSession open(UUID connectionId, ProviderCalls.WaitListener waits) {
        try {
            return session(access.open(new ConnectionId(connectionId)), waits);
        } catch (ConnectionUnusableException e) {
            throw new UnusableException("connection unusable: " + e.getMessage());
        }
    }

    @Override
    public SyncSession reopen(UUID connectionId, SyncSession rejected, ProviderCalls.WaitListener waits) {
        try {
            if (rejected.credential() == null) {
                throw new UnusableException("the provider refused the credential");
            }
            return session(access.reopenAfterRejection(new ConnectionId(connectionId), rejected.credential()), waits);
        } catch (ConnectionUnusableException e) {
            throw new UnusableException("connection " + e.getMessage());
        }
    }

    /** The adapter's fetch over a client whose every request the provider's shared budget admits first. */
    private SyncSession session(ProviderSession session, ProviderCalls.WaitListener waits) {
        var adapter = access.adapter(session.providerKey()).orElseThrow(() -> new UnusableException(
                "provider " + session.providerKey() + " is not available here"));
        RateLimit limit = calls.rateLimit(session.providerKey(),
                RateLimit.perMinute(adapter.limits().requestsPerMinute()).orElse(null));
        // withHttpClient keeps the connection's own request budget (SimpleFIN's daily one) beside the shared one.
        var budgeted = session.withHttpClient(calls.budgeted(session.httpClient(), session.providerKey(), limit,
                waits));
        return new SyncSession(adapter.open(budgeted, properties.requestTimeout()), adapter.limits(),
                session.accessToken());
    }

    @Override
    public void refused(UUID connectionId, boolean revoked, String reason) {
        access.providerRefused(new ConnectionId(connectionId), revoked, reason);
    }

    @Override
    public Optional<io.dashtam.providers.BudgetSpent> requestBudgetSpent(UUID connectionId) {
        return access.requestBudgetSpent(new ConnectionId(connectionId));
    }

    @Override
    public void warned(UUID connectionId, io.dashtam.providers.ProviderWarnings warnings) {
        access.providerWarnings(new ConnectionId(connectionId), warnings);
    }

    /** The provider's default interval is a floor: a shorter configured one would overspend its request budget. */
    @Override
    public java.time.Duration interval(UUID connectionId, java.time.Duration configured) {
        return access.find(new ConnectionId(connectionId)).flatMap(c -> access.adapter(c.providerKey()))
                .map(a -> a.limits().defaultSyncInterval()).filter(d -> d.compareTo(configured) > 0)
                .orElse(configured);
    }

    /** A deleted connection takes its sync history and its portfolio data with it, in the same transaction. */
    @EventListener
    void deleted(ConnectionDeleted event) {
        jobs.forget(event.connectionId().value());
        portfolio.removeConnection(event.connectionId().value(), event.userId());
    }

    @EventListener
    void activated(ConnectionActivated event) {
        find(event.connectionId().value()).filter(c -> !"file".equals(c.category()))
                .ifPresent(c -> jobs.request(c.id(), c.userId(), "activation", clock.instant()));
    }

    private static SyncTarget connection(ConnectionInfo info) {
        // reauth_required connections stay in activeConnections() until their deadline: they still sync.
        String status = "reauth_required".equals(info.status()) ? "reauth_required" : info.status();
        return new SyncTarget(info.id().value(), info.userId(), info.providerKey(), info.category(), status);
    }
}
