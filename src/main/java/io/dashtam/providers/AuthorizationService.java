package io.dashtam.providers;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.InputValidator;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UpstreamException;
import io.dashtam.providers.authorization.CredentialActivation;
import io.dashtam.providers.authorization.Grants;
import io.dashtam.providers.authorization.OAuthFlow;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.StoredTokens;
import io.dashtam.providers.authorization.TokenEndpointException;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionStatus;
import io.dashtam.providers.connections.ConnectionWarnings;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.providers.connections.ProvidersProperties;
import io.dashtam.providers.outbound.OutboundHttp;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a connection gets and loses its grant: start an OAuth authorization, connect a paste provider with what the
 * user pasted, and a grant's status, manual refresh and disconnect. Only the caller's own connections.
 */
@Service
public class AuthorizationService {

    private final Connections connections;
    private final ProviderRegistry registry;
    private final ConnectionWarnings warnings;
    private final OAuthFlow flow;
    private final CredentialActivation activation;
    private final ProviderTokens tokens;
    private final OutboundHttp http;
    private final Grants grants;
    private final ProvidersProperties properties;
    private final InputValidator validator;

    AuthorizationService(Connections connections, ProviderRegistry registry, ConnectionWarnings warnings,
            OAuthFlow flow, CredentialActivation activation, ProviderTokens tokens, OutboundHttp http, Grants grants,
            ProvidersProperties properties, InputValidator validator) {
        this.connections = connections;
        this.registry = registry;
        this.warnings = warnings;
        this.flow = flow;
        this.activation = activation;
        this.tokens = tokens;
        this.http = http;
        this.grants = grants;
        this.properties = properties;
        this.validator = validator;
    }

    public record PastedCredential(@NotBlank @Size(max = 4096) String credential) {

        @Override
        public String toString() {
            return "PastedCredential[redacted]";
        }
    }

    /** A single-use state bound to the caller and the connection; see {@link OAuthFlow}. */
    @Transactional
    public AuthorizationView start(AuthenticatedUser caller, String id) {
        return flow.start(owned(caller, id));
    }

    /**
     * Connects a paste provider (SimpleFIN): the adapter claims what was pasted once over HTTPS (outside any
     * database transaction); the resulting credential is sealed and stored and the connection becomes active.
     * Pasting again (e.g. after the provider revoked access) replaces it. Neither what was pasted nor the credential
     * is ever returned or logged; a refused or malformed paste stores nothing.
     */
    public ConnectionView paste(AuthenticatedUser caller, String id, PastedCredential request) {
        validator.valid(request);
        Connection connection = owned(caller, id);
        ProviderAdapter adapter = registry.adapter(connection.providerKey())
                .filter(a -> a.connectKind() == ConnectKind.PASTE)
                .orElseThrow(() -> new RefusedException("Provider " + connection.providerKey()
                        + " is not connected by pasting a credential"));
        Secret credential;
        try {
            credential = adapter.claimPasted(new Secret(request.credential().strip()), http.client(),
                    http.requestTimeout());
        } catch (ProviderCallException e) {
            grants.audit(connection, "provider.connection.credential", "failure", RequestOrigin.current(),
                    Map.of("reason", e.getMessage()));
            if (e.kind() == ProviderCallException.Kind.REFUSED) {
                throw new RefusedException("Credential refused", e.getMessage(), Map.of("field", "credential"));
            }
            throw new UpstreamException("The provider could not be reached: " + e.getMessage());
        }
        Connection active = activation.activate(connection.id(), credential);
        return ConnectionView.of(active, registry.reauthAfter(), warnings.find(active.id()));
    }

    public TokenStatus tokenStatus(AuthenticatedUser caller, String id) {
        return status(owned(caller, id));
    }

    /** A refresh now; an unreachable token endpoint is an upstream failure, a refusal a conflict with its status. */
    public TokenStatus refresh(AuthenticatedUser caller, String id) {
        Connection connection = owned(caller, id);
        if (tokens.find(connection.id()).isEmpty()) {
            throw new ConflictException("The connection has no tokens: authorize it first");
        }
        var outcome = grants.refresh(connection.id(), true, RequestOrigin.current());
        if (outcome.failure() != null) {
            var kind = outcome.failure().kind();
            if (kind == TokenEndpointException.TokenFailure.UNAVAILABLE
                    || kind == TokenEndpointException.TokenFailure.MALFORMED) {
                throw new UpstreamException("Token refresh failed: " + outcome.failure().getMessage(),
                        Map.of("connectionStatus", outcome.status()));
            }
            throw new ConflictException("Token refresh refused: " + outcome.failure().getMessage(),
                    Map.of("connectionStatus", outcome.status()));
        }
        return status(owned(caller, id));
    }

    /** The tokens deleted and the connection revoked, under the connection's row lock. */
    @Transactional
    public TokenStatus disconnect(AuthenticatedUser caller, String id) {
        Connection locked = connections.lock(owned(caller, id).id())
                .orElseThrow(() -> new NotFoundException("Connection"));
        if (locked.status() == ConnectionStatus.REVOKED) {
            throw new ConflictException("The connection is already disconnected");
        }
        if (!locked.usesOAuth()) {
            throw new ConflictException("A file connection has no tokens to disconnect");
        }
        return status(grants.revoke(locked, RequestOrigin.current()));
    }

    private TokenStatus status(Connection c) {
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
                .orElseThrow(() -> new NotFoundException("Connection"));
    }
}
