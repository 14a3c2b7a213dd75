package io.dashtam.providers.authorization;

import io.dashtam.core.RequestOrigin;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionStatus;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProvidersProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background upkeep of grants, safe with several instances on one database: lifetimes (reauth_required at
 * {@code reauthAfter}, expired at the deadline) and refreshing access tokens before they expire, each due
 * token claimed with {@code FOR UPDATE SKIP LOCKED} so exactly one instance refreshes it.
 */
@Component
public class TokenMaintenance {

    private static final Logger log = LoggerFactory.getLogger(TokenMaintenance.class);

    private final Connections connections;
    private final ProviderTokens tokens;
    private final Grants grants;
    private final KeyRotation rotation;
    private final OAuthStates states;
    private final ProvidersProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TokenMaintenance(Connections connections, ProviderTokens tokens, Grants grants, KeyRotation rotation,
            OAuthStates states, ProvidersProperties properties, TransactionTemplate tx, Clock clock) {
        this.rotation = rotation;
        this.states = states;
        this.connections = connections;
        this.tokens = tokens;
        this.grants = grants;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dashtam.providers.maintenance-interval:60s}", initialDelayString = "20s")
    void run() {
        try {
            enforceLifetimes();
            int refreshed = refreshDue();
            if (refreshed > 0) {
                log.info("Refreshed {} provider token(s)", refreshed);
            }
            // Finished or abandoned authorizations are kept a day for diagnosis, then dropped.
            states.deleteExpired(clock.instant().minus(java.time.Duration.ofDays(1)));
            int resealed = rotation.rotateBatch(properties.refreshBatchSize());
            if (resealed > 0) {
                log.info("Re-encrypted {} provider token row(s) under the active key", resealed);
            }
        } catch (RuntimeException e) {
            log.warn("Provider token maintenance failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Refreshes every due token this instance can claim; returns how many refresh calls it made. */
    public int refreshDue() {
        int calls = 0;
        for (int i = 0; i < properties.refreshBatchSize(); i++) {
            if (grants.refreshNextDue(RequestOrigin.SYSTEM).isEmpty()) {
                break;
            }
            calls++;
        }
        return calls;
    }

    /** Moves connections past their reauth point or deadline on, one row lock each. */
    public void enforceLifetimes() {
        Instant now = clock.instant();
        for (ConnectionId id : connections.pastDeadline(now)) {
            tx.executeWithoutResult(s -> connections.lock(id).ifPresent(c -> enforce(c, clock.instant(),
                    RequestOrigin.SYSTEM)));
        }
        for (ConnectionId id : connections.needingReauth(now.minus(properties.reauthAfter()))) {
            tx.executeWithoutResult(s -> connections.lock(id).ifPresent(c -> enforce(c, clock.instant(),
                    RequestOrigin.SYSTEM)));
        }
    }

    /** Applies the lifetime rules to a locked connection inside the caller's transaction. */
    public Connection enforce(Connection c, Instant now, RequestOrigin origin) {
        boolean live = c.status() == ConnectionStatus.ACTIVE || c.status() == ConnectionStatus.REAUTH_REQUIRED;
        if (!live || c.deadline() == null) {
            return c;
        }
        if (!now.isBefore(c.deadline())) {
            tokens.delete(c.id());
            Connection expired = c.markExpired(now, "expired: the authorization ended " + c.deadline()
                    + "; re-authorize");
            connections.update(expired);
            grants.audit(expired, "provider.connection.expired", "success", origin,
                    Map.of("deadline", c.deadline().toString()));
            grants.statusChanged(expired, c.deadline());
            return expired;
        }
        if (c.status() == ConnectionStatus.ACTIVE && c.authorizedAt() != null
                && !now.isBefore(c.authorizedAt().plus(properties.reauthAfter()))) {
            Connection reauth = c.markReauthRequired(now);
            connections.update(reauth);
            grants.audit(reauth, "provider.connection.reauth_required", "success", origin,
                    Map.of("deadline", c.deadline().toString()));
            grants.statusChanged(reauth, c.deadline());
            return reauth;
        }
        return c;
    }
}
