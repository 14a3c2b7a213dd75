package io.dashtam.providers.connections;

import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import io.dashtam.providers.BudgetSpent;
import io.dashtam.providers.ConnectKind;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ConnectionInfo;
import io.dashtam.providers.ConnectionUnusableException;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderAdapter;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.ProviderWarnings;
import io.dashtam.providers.RateLimit;
import io.dashtam.providers.authorization.Grants;
import io.dashtam.providers.authorization.PastedCredentials;
import io.dashtam.providers.authorization.TokenMaintenance;
import io.dashtam.providers.outbound.ConnectionBudget;
import io.dashtam.providers.outbound.OutboundHttp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ProviderAccess} for the sync engine: usable connections only, with a fresh access token. */
@Component
class ProviderSessions implements ProviderAccess {

    private final Connections connections;
    private final Grants grants;
    private final TokenMaintenance maintenance;
    private final ProviderRegistry registry;
    private final OutboundHttp http;
    private final PastedCredentials credentials;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ConnectionWarnings warnings;
    private final ConnectionBudget budgets;

    ProviderSessions(Connections connections, Grants grants, TokenMaintenance maintenance, ProviderRegistry registry,
            OutboundHttp http, PastedCredentials credentials, TransactionTemplate tx, Clock clock,
            ConnectionWarnings warnings, ConnectionBudget budgets) {
        this.warnings = warnings;
        this.budgets = budgets;
        this.credentials = credentials;
        this.connections = connections;
        this.grants = grants;
        this.maintenance = maintenance;
        this.registry = registry;
        this.http = http;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public ProviderSession open(ConnectionId id) {
        Connection connection = tx.execute(s -> connections.lock(id)
                .map(c -> maintenance.enforce(c, clock.instant(), RequestOrigin.current()))
                .orElseThrow(() -> new ConnectionUnusableException(id, "unknown", "unknown connection")));
        if (!connection.usesOAuth()) {
            throw new ConnectionUnusableException(id, connection.status().db(),
                    "file connections have no provider API: import files instead");
        }
        if (!connection.usableAt(clock.instant())) {
            throw new ConnectionUnusableException(id, connection.status().db(), reason(connection));
        }
        var adapter = registry.adapter(connection.providerKey());
        if (adapter.isPresent() && adapter.get().connectKind() == ConnectKind.PASTE) {
            Secret credential = credentials.open(id).orElseThrow(() -> new ConnectionUnusableException(id,
                    connection.status().db(), "no credential stored: paste one first"));
            return new ProviderSession(id, connection.userId(), connection.providerKey(), PASTED_API, credential,
                    http.client(), budget(id, connection.providerKey()));
        }
        var client = registry.oauth(connection.providerKey()).orElseThrow(() -> new ConnectionUnusableException(id,
                connection.status().db(), "provider " + connection.providerKey() + " is not configured"));
        Secret access = grants.accessToken(connection);
        return new ProviderSession(id, connection.userId(), connection.providerKey(), client.apiBaseUrl(), access,
                http.client(), budget(id, connection.providerKey()));
    }

    private ProviderSession.RequestBudget budget(ConnectionId id, String providerKey) {
        return budgets.of(id, perConnection(providerKey));
    }

    private RateLimit perConnection(String providerKey) {
        return registry.adapter(providerKey).map(a -> a.limits().perConnection()).orElse(null);
    }

    @Override
    public Optional<BudgetSpent> requestBudgetSpent(ConnectionId id) {
        return connections.find(id).flatMap(c -> budgets.spent(id, perConnection(c.providerKey())));
    }

    /** A paste provider's API location is part of its credential (SimpleFIN's access URL), not configuration. */
    static final java.net.URI PASTED_API = java.net.URI.create("urn:dashtam:in-credential");

    static String reason(Connection c) {
        return switch (c.status()) {
            case PENDING -> "pending: authorize the connection first";
            case EXPIRED, REAUTH_REQUIRED -> "expired: re-authorize";
            case REVOKED -> "revoked: the connection was disconnected; authorize it again";
            case ERROR -> "error: " + (c.statusReason() == null ? "provider error" : c.statusReason());
            case ACTIVE -> "active";
        };
    }

    @Override
    public ProviderSession reopenAfterRejection(ConnectionId id, Secret rejected) {
        Connection connection = connections.find(id)
                .orElseThrow(() -> new ConnectionUnusableException(id, "unknown", "unknown connection"));
        var client = registry.oauth(connection.providerKey()).orElseThrow(() -> new ConnectionUnusableException(id,
                connection.status().db(), "provider " + connection.providerKey() + " is not configured"));
        var outcome = grants.refreshRejected(id, rejected, RequestOrigin.current());
        if (outcome.failure() != null) {
            throw new ConnectionUnusableException(id, outcome.status(), outcome.status()
                    + ": the provider refused the access token before its expiry and the refresh failed: "
                    + outcome.failure().getMessage());
        }
        return new ProviderSession(id, connection.userId(), connection.providerKey(), client.apiBaseUrl(),
                outcome.accessToken(), http.client(), budget(id, connection.providerKey()));
    }

    @Override
    public void providerRefused(ConnectionId id, boolean revoked, String reason) {
        Connection after = grants.providerRefused(id, revoked, reason, RequestOrigin.current());
        if (after.status() == ConnectionStatus.REVOKED) {
            credentials.delete(id); // a pasted credential (SimpleFIN's access URL) is as dead as OAuth tokens
        }
    }

    @Override
    public void providerWarnings(ConnectionId id, ProviderWarnings reported) {
        warnings.replace(id, reported, clock.instant());
    }

    @Override
    public Optional<ConnectionInfo> find(ConnectionId id) {
        return connections.find(id).map(Connection::info);
    }

    @Override
    public List<ConnectionInfo> activeConnections() {
        return connections.usable(clock.instant()).stream().map(Connection::info).toList();
    }

    @Override
    public Optional<ProviderAdapter> adapter(String providerKey) {
        return registry.adapter(providerKey);
    }

    @Override
    public ConnectionInfo findOwned(ConnectionId id, UserId owner) {
        return connections.findOwned(id, owner).map(Connection::info)
                .orElseThrow(() -> new NotFoundException("Connection"));
    }
}
