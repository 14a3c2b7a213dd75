package io.dashtam.providers;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A connection's grant: its status (never the tokens), a manual refresh, and disconnect. */
@RestController
@RequestMapping("/api/v1/connections/{id}/token")
class TokenController {

    private final Connections connections;
    private final ProviderTokens tokens;
    private final Grants grants;
    private final ProvidersProperties properties;
    private final TransactionTemplate tx;

    TokenController(Connections connections, ProviderTokens tokens, Grants grants, ProvidersProperties properties,
            TransactionTemplate tx) {
        this.connections = connections;
        this.tokens = tokens;
        this.grants = grants;
        this.properties = properties;
        this.tx = tx;
    }

    record TokenStatus(String connectionId, String status, String statusReason, boolean connected, Instant expiresAt,
            Instant refreshDeadline, Instant reauthRequiredAt, Instant lastRefreshedAt, Instant nextRefreshAt,
            int refreshFailures, String lastError, String scope) {
    }

    @GetMapping
    TokenStatus status(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return view(owned(caller, id));
    }

    @PostMapping("/refresh")
    TokenStatus refresh(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        Connection connection = owned(caller, id);
        if (tokens.find(connection.id()).isEmpty()) {
            throw ApiException.conflict("The connection has no tokens: authorize it first");
        }
        var outcome = grants.refresh(connection.id(), true, RequestOrigin.current());
        if (outcome.failure() != null) {
            var kind = outcome.failure().kind();
            if (kind == TokenEndpointException.TokenFailure.UNAVAILABLE
                    || kind == TokenEndpointException.TokenFailure.MALFORMED) {
                throw new ApiException(502, "Bad Gateway", "Token refresh failed: " + outcome.failure().getMessage(),
                        Map.of("connectionStatus", outcome.status()));
            }
            throw new ApiException(409, "Conflict", "Token refresh refused: " + outcome.failure().getMessage(),
                    Map.of("connectionStatus", outcome.status()));
        }
        return view(owned(caller, id));
    }

    @DeleteMapping
    TokenStatus disconnect(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        ConnectionId connectionId = owned(caller, id).id();
        tx.executeWithoutResult(s -> {
            Connection locked = connections.lock(connectionId).orElseThrow(() -> ApiException.notFound("Connection"));
            if (locked.status() == ConnectionStatus.REVOKED) {
                throw ApiException.conflict("The connection is already disconnected");
            }
            if (!locked.usesOAuth()) {
                throw ApiException.conflict("A file connection has no tokens to disconnect");
            }
            grants.revoke(locked, RequestOrigin.current());
        });
        return view(owned(caller, id));
    }

    private TokenStatus view(Connection c) {
        var stored = tokens.find(c.id());
        Instant reauthAt = c.authorizedAt() == null || c.deadline() == null ? null
                : c.authorizedAt().plus(properties.reauthAfter());
        return new TokenStatus(c.id().toString(), c.status().db(), c.statusReason(), stored.isPresent(),
                stored.map(StoredTokens::accessExpiresAt).orElse(null), c.deadline(), reauthAt,
                stored.map(StoredTokens::refreshedAt).orElse(null), stored.map(StoredTokens::nextRefreshAt).orElse(null),
                stored.map(StoredTokens::refreshFailures).orElse(0), stored.map(StoredTokens::lastError).orElse(null),
                stored.map(StoredTokens::scope).orElse(null));
    }

    private Connection owned(AuthenticatedUser caller, String id) {
        return connections.findOwned(ConnectionId.parse(id), caller.id())
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }
}
