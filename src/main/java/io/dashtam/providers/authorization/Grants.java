package io.dashtam.providers.authorization;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.providers.ConnectionActivated;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ConnectionStatusChanged;
import io.dashtam.providers.ConnectionUnusableException;
import io.dashtam.providers.OAuthClientSettings;
import io.dashtam.providers.TokenRefreshFailed;
import io.dashtam.providers.TokenRefreshed;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionStatus;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connection's OAuth grant: storing tokens after an authorization, refreshing them (exactly once across
 * instances: a refresh claims the token row for the length of the provider call, holding no lock or transaction
 * while it waits), and disconnecting. Every token
 * operation is audited; failures are recorded in their own transaction so a refused refresh leaves a
 * consistent connection behind, never a half-updated one.
 */
@Component
public class Grants {

    private final Connections connections;
    private final ProviderTokens tokens;
    private final TokenCipher cipher;
    private final OAuthTokenClient tokenClient;
    private final ProviderRegistry registry;
    private final ProvidersProperties properties;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Grants(Connections connections, ProviderTokens tokens, TokenCipher cipher, OAuthTokenClient tokenClient,
            ProviderRegistry registry, ProvidersProperties properties, AuditLog audit, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.connections = connections;
        this.tokens = tokens;
        this.cipher = cipher;
        this.tokenClient = tokenClient;
        this.registry = registry;
        this.properties = properties;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Must run inside the caller's transaction, with the connection row locked. */
    Connection store(Connection connection, OAuthTokenClient.TokenGrant response, RequestOrigin origin) {
        Instant now = clock.instant();
        // The grant's hard end, as the provider declares it (Schwab: 7 days after the authorization).
        Instant deadline = now.plus(registry.adapter(connection.providerKey())
                .map(a -> a.credentialPolicy().grantLifetime()).orElseThrow(() -> new IllegalStateException(
                        "provider " + connection.providerKey() + " has no OAuth grant lifetime")));
        Connection active = connection.activated(now, deadline);
        connections.update(active);
        TokenSet set = new TokenSet(response.accessToken(), response.refreshToken(), response.idToken());
        Instant accessExpires = now.plusSeconds(response.expiresInSeconds());
        tokens.put(new StoredTokens(active.id(), cipher.seal(active.id(), set), response.tokenType(), response.scope(),
                accessExpires, deadline, nextRefresh(accessExpires), 0, null, null), now);
        audit(active, "provider.token.stored", "success", origin, Map.of("deadline", deadline.toString()));
        events.publishEvent(new ConnectionActivated(active.id(), active.userId(), active.providerKey()));
        statusChanged(active, deadline);
        return active;
    }

    /** The current access token, refreshed first when it expires within the margin. */
    public Secret accessToken(Connection connection) {
        StoredTokens stored = tokens.find(connection.id()).orElseThrow(() -> new ConnectionUnusableException(
                connection.id(), connection.status().db(), "no tokens: authorize the connection"));
        if (!stored.accessExpiresWithin(properties.refreshBeforeExpiry(), clock.instant())) {
            try {
                return cipher.open(connection.id(), stored.sealed()).accessToken();
            } catch (io.dashtam.core.AesGcm.DecryptionFailedException e) {
                throw new ConnectionUnusableException(connection.id(), connection.status().db(),
                        "error: stored tokens cannot be decrypted; re-authorize");
            }
        }
        RefreshOutcome outcome = refresh(connection.id(), false, RequestOrigin.current());
        if (outcome.failure() != null) {
            throw new ConnectionUnusableException(connection.id(), outcome.status(),
                    "token refresh failed: " + outcome.failure().getMessage());
        }
        return outcome.accessToken();
    }

    /** What a refresh attempt came to; {@code failure} is null on success. */
    public record RefreshOutcome(boolean refreshed, String status, Secret accessToken, TokenEndpointException failure) {
    }

    /**
     * Refreshes one connection's tokens. Unless {@code force}, a token another instance refreshed meanwhile is
     * used as it is. Failures are committed (backoff, status) and returned, not thrown.
     */
    public RefreshOutcome refresh(ConnectionId id, boolean force, RequestOrigin origin) {
        boolean[] waited = {false};
        return refreshing(id, origin, waited, () -> {
            StoredTokens stored = tokens.lock(id).orElseThrow(() -> new ConnectionUnusableException(id, "unknown",
                    "no tokens: authorize the connection"));
            Connection connection = connections.lock(id).orElseThrow();
            Instant now = clock.instant();
            // After waiting for another caller's refresh, its token is the fresh one asked for.
            if ((!force || waited[0]) && !stored.accessExpiresWithin(properties.refreshBeforeExpiry(), now)) {
                return new Settled(new RefreshOutcome(false, connection.status().db(),
                        cipher.open(id, stored.sealed()).accessToken(), null));
            }
            return prepare(connection, stored, now, origin);
        });
    }

    /**
     * The data API refused {@code rejected} before its recorded expiry: refresh once unless the stored token is
     * already another one (a refresh by another caller or instance got there first), then use that.
     */
    public RefreshOutcome refreshRejected(ConnectionId id, Secret rejected, RequestOrigin origin) {
        return refreshing(id, origin, new boolean[1], () -> {
            StoredTokens stored = tokens.lock(id).orElse(null);
            Connection connection = connections.lock(id).orElseThrow(() -> new ConnectionUnusableException(id,
                    "unknown", "unknown connection"));
            if (stored == null) {
                return new Settled(new RefreshOutcome(false, connection.status().db(), null,
                        new TokenEndpointException(TokenEndpointException.TokenFailure.INVALID_GRANT,
                                "no tokens: re-authorize")));
            }
            Instant now = clock.instant();
            try {
                Secret current = cipher.open(id, stored.sealed()).accessToken();
                if (!current.value().equals(rejected.value())) {
                    return new Settled(new RefreshOutcome(false, connection.status().db(), current, null));
                }
            } catch (io.dashtam.core.AesGcm.DecryptionFailedException e) {
                // prepare() records it and asks for a new authorization.
            }
            return prepare(connection, stored, now, origin);
        });
    }

    /**
     * Refreshes the most overdue token no other instance is refreshing, if any (token maintenance): the same three
     * steps, the row claimed with SKIP LOCKED.
     */
    Optional<RefreshOutcome> refreshNextDue(RequestOrigin origin) {
        Step step = tx.execute(status -> {
            Instant now = clock.instant();
            var due = tokens.claimDue(now);
            if (due.isEmpty()) {
                return null;
            }
            return prepare(connections.lock(due.get().connectionId()).orElseThrow(), due.get(), now, origin);
        });
        if (step == null) {
            return Optional.empty();
        }
        return Optional.of(step instanceof Claimed claimed ? callAndStore(claimed, origin)
                : step instanceof Settled settled ? settled.outcome() : busy());
    }

    /** What the first, locked step of a refresh decided. */
    private sealed interface Step permits Settled, Busy, Claimed {
    }

    /** Decided without calling the provider (a fresh token, or a failure recorded already). */
    private record Settled(RefreshOutcome outcome) implements Step {
    }

    /** Another caller or instance is refreshing this token right now. */
    private record Busy() implements Step {
    }

    /** This caller claimed the refresh: it calls the provider with these, outside any transaction. */
    private record Claimed(ConnectionId id, UUID claim, OAuthClientSettings client, TokenSet current)
            implements Step {
    }

    /**
     * A refresh in three steps, so no transaction or row lock is held while the provider's token endpoint is waited
     * on: decide and claim under the row locks (short transaction); call the provider (no transaction); store what
     * came back under the locks again, only while the claim still holds (short transaction). A caller that meets
     * another's claim waits for it to end and decides again ({@code waited} tells the decision so).
     */
    private RefreshOutcome refreshing(ConnectionId id, RequestOrigin origin, boolean[] waited,
            java.util.function.Supplier<Step> decide) {
        long giveUp = System.nanoTime() + claimLength().plusSeconds(5).toNanos();
        while (true) {
            Step step = tx.execute(status -> decide.get());
            if (step instanceof Settled settled) {
                return settled.outcome();
            }
            if (step instanceof Claimed claimed) {
                return callAndStore(claimed, origin);
            }
            if (System.nanoTime() > giveUp) {
                return busy();
            }
            waited[0] = true;
            try {
                Thread.sleep(50); // another instance's refresh: a moment, not a provider wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return busy();
            }
        }
    }

    private static RefreshOutcome busy() {
        return new RefreshOutcome(false, "unknown", null, new TokenEndpointException(
                TokenEndpointException.TokenFailure.UNAVAILABLE, "another token refresh of this connection is in "
                        + "progress; try again"));
    }

    /** How long a refresh may hold its claim: a whole token call and then some; a crashed holder's claim lapses. */
    private Duration claimLength() {
        return properties.connectTimeout().plus(properties.requestTimeout()).plusSeconds(10);
    }

    /** A data-API refusal that settles the connection: 403 → revoked (tokens deleted), else error. */
    public Connection providerRefused(ConnectionId id, boolean revoked, String reason, RequestOrigin origin) {
        return tx.execute(status -> {
            Connection connection = connections.lock(id).orElseThrow(() -> new ConnectionUnusableException(id,
                    "unknown", "unknown connection"));
            if (connection.status() != ConnectionStatus.ACTIVE
                    && connection.status() != ConnectionStatus.REAUTH_REQUIRED) {
                return connection;
            }
            Instant now = clock.instant();
            Connection after;
            if (revoked) {
                tokens.delete(id);
                after = connection.revokedByProvider(now, "revoked: " + reason + "; authorize it again");
                connections.update(after);
                audit(after, "provider.connection.revoked", "success", origin, Map.of("reason", "http_403"));
            } else {
                after = connection.markError(now, reason);
                connections.update(after);
                audit(after, "provider.connection.error", "success", origin, Map.of("reason", "data_api_refused"));
            }
            return after;
        });
    }

    /**
     * With both rows locked: settles what needs no provider call (unusable, not configured, undecryptable), else
     * claims the refresh for this caller, or reports another caller's claim.
     */
    private Step prepare(Connection connection, StoredTokens stored, Instant now, RequestOrigin origin) {
        if (!connection.usableAt(now) || !stored.refreshExpiresAt().isAfter(now)) {
            return new Settled(new RefreshOutcome(false, connection.status().db(), null, new TokenEndpointException(
                    TokenEndpointException.TokenFailure.INVALID_GRANT, "the authorization has expired: re-authorize")));
        }
        var client = registry.oauth(connection.providerKey()).orElse(null);
        if (client == null) {
            // Credentials removed or the sandbox disabled: back off like any failure, so the maintenance pass moves
            // on to other tokens instead of claiming this row again and again.
            tokens.recordFailure(connection.id(), "provider is not configured",
                    now.plus(backoff(stored.refreshFailures() + 1)), now);
            return new Settled(new RefreshOutcome(false, connection.status().db(), null, new TokenEndpointException(
                    TokenEndpointException.TokenFailure.INVALID_CLIENT, "provider is not configured")));
        }
        TokenSet current;
        try {
            current = cipher.open(connection.id(), stored.sealed());
        } catch (io.dashtam.core.AesGcm.DecryptionFailedException e) {
            // A key removed too early, or a tampered row: never retry in a loop, ask for a new authorization.
            tokens.recordFailure(connection.id(), "stored tokens cannot be decrypted", stored.refreshExpiresAt(), now);
            Connection broken = connection.markError(now, "stored tokens cannot be decrypted: re-authorize");
            connections.update(broken);
            audit(broken, "provider.token.refresh_failed", "failure", origin, Map.of("reason", "undecryptable"));
            events.publishEvent(new TokenRefreshFailed(broken.id(), broken.userId(), broken.providerKey(),
                    "undecryptable"));
            return new Settled(new RefreshOutcome(false, broken.status().db(), null, new TokenEndpointException(
                    TokenEndpointException.TokenFailure.INVALID_GRANT,
                    "stored tokens cannot be decrypted: re-authorize")));
        }
        UUID claim = UUID.randomUUID();
        if (!tokens.claimRefresh(connection.id(), claim, now.plus(claimLength()), now)) {
            return new Busy();
        }
        return new Claimed(connection.id(), claim, client, current);
    }

    /** Calls the token endpoint with no transaction open, then stores the answer while the claim still holds. */
    private RefreshOutcome callAndStore(Claimed claimed, RequestOrigin origin) {
        OAuthTokenClient.TokenGrant response = null;
        TokenEndpointException failure = null;
        try {
            response = tokenClient.refresh(claimed.client(), claimed.current().refreshToken());
        } catch (TokenEndpointException e) {
            failure = e;
        } catch (RuntimeException e) {
            tx.executeWithoutResult(status -> tokens.releaseClaim(claimed.id(), claimed.claim()));
            throw e;
        }
        OAuthTokenClient.TokenGrant answer = response;
        TokenEndpointException refused = failure;
        return tx.execute(status -> {
            StoredTokens stored = tokens.lock(claimed.id()).orElse(null);
            Connection connection = connections.lock(claimed.id()).orElse(null);
            if (stored == null || connection == null || !tokens.holdsClaim(claimed.id(), claimed.claim())) {
                // Deleted, re-authorized or taken over meanwhile: what this refresh brought is not the grant now.
                return new RefreshOutcome(false, connection == null ? "unknown" : connection.status().db(), null,
                        new TokenEndpointException(TokenEndpointException.TokenFailure.UNAVAILABLE,
                                "the connection changed during the token refresh; try again"));
            }
            Instant now = clock.instant();
            if (refused != null) {
                return failed(connection, stored, refused, now, origin);
            }
            TokenSet next = new TokenSet(answer.accessToken(),
                    answer.refreshToken() == null ? claimed.current().refreshToken() : answer.refreshToken(),
                    answer.idToken() == null ? claimed.current().idToken() : answer.idToken());
            Instant accessExpires = now.plusSeconds(answer.expiresInSeconds());
            tokens.put(new StoredTokens(connection.id(), cipher.seal(connection.id(), next), answer.tokenType(),
                    answer.scope() == null ? stored.scope() : answer.scope(), accessExpires,
                    stored.refreshExpiresAt(), nextRefresh(accessExpires), 0, null, now), now);
            audit(connection, "provider.token.refreshed", "success", origin,
                    Map.of("accessExpiresAt", accessExpires.toString()));
            events.publishEvent(new TokenRefreshed(connection.id(), connection.userId(), connection.providerKey()));
            return new RefreshOutcome(true, connection.status().db(), next.accessToken(), null);
        });
    }

    private RefreshOutcome failed(Connection connection, StoredTokens stored, TokenEndpointException e, Instant now,
            RequestOrigin origin) {
        audit(connection, "provider.token.refresh_failed", "failure", origin,
                Map.of("reason", e.getMessage(), "kind", e.kind().name().toLowerCase()));
        events.publishEvent(new TokenRefreshFailed(connection.id(), connection.userId(), connection.providerKey(),
                e.getMessage()));
        Connection after = connection;
        switch (e.kind()) {
            case INVALID_CLIENT -> {
                // Our credentials no longer work for this grant: only a new authorization helps.
                tokens.recordFailure(connection.id(), e.getMessage(), stored.refreshExpiresAt(), now);
                after = connection.markReauthRequiredByProvider(now,
                        "provider refused the token refresh (invalid_client): re-authorize");
                connections.update(after);
                audit(after, "provider.connection.reauth_required", "success", origin, Map.of("reason", "invalid_client"));
                statusChanged(after, null);
            }
            case INVALID_GRANT -> {
                tokens.delete(connection.id());
                after = connection.markExpired(now, "expired: the provider refused the refresh token; re-authorize");
                connections.update(after);
                audit(after, "provider.connection.expired", "success", origin, Map.of("reason", "invalid_grant"));
                statusChanged(after, null);
            }
            case UNAVAILABLE, MALFORMED -> tokens.recordFailure(connection.id(), e.getMessage(),
                    now.plus(backoff(stored.refreshFailures() + 1)), now);
        }
        return new RefreshOutcome(false, after.status().db(), null, e);
    }

    /** Disconnect: the tokens are deleted and the connection is revoked. Caller's transaction, row locked. */
    public Connection revoke(Connection connection, RequestOrigin origin) {
        Instant now = clock.instant();
        tokens.delete(connection.id());
        Connection revoked = connection.revoked(now);
        connections.update(revoked);
        audit(revoked, "provider.token.revoked", "success", origin, Map.of());
        return revoked;
    }

    /** 30 s, 1 min, 2 min, ... capped at 30 min. */
    public static Duration backoff(int failures) {
        long seconds = 30L << Math.min(Math.max(failures - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, 1800));
    }

    private Instant nextRefresh(Instant accessExpires) {
        return accessExpires.minus(properties.refreshBeforeExpiry());
    }

    /** Tells the other modules (live events, mail) in the changing transaction; {@code deadline} when it says one. */
    void statusChanged(Connection after, Instant deadline) {
        events.publishEvent(new ConnectionStatusChanged(after.id(), after.userId(), after.providerKey(),
                after.status().db(), deadline));
    }

    public void audit(Connection c, String action, String outcome, RequestOrigin origin, Map<String, String> details) {
        var all = new java.util.HashMap<>(details);
        all.put("provider", c.providerKey());
        all.put("connection", c.id().toString());
        audit.record(new AuditEvent(c.userId(), action, outcome, "connection:" + c.id(), origin, all));
    }
}
