package io.dashtam.providers;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connects a paste provider (SimpleFIN): {@code PUT /api/v1/connections/{id}/credential} with what the user pasted.
 * The adapter claims it once over HTTPS (outside any database transaction); the resulting credential is sealed
 * and stored and the connection becomes active. Pasting again (e.g. after the provider revoked access) replaces
 * it. Neither what was pasted nor the credential is ever returned or logged.
 */
@RestController
class CredentialController {

    private final Connections connections;
    private final ProviderRegistry registry;
    private final PastedCredentials credentials;
    private final OutboundHttp http;
    private final Grants grants;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ConnectionWarnings warnings;

    CredentialController(Connections connections, ProviderRegistry registry, PastedCredentials credentials,
            OutboundHttp http, Grants grants, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
            ConnectionWarnings warnings) {
        this.warnings = warnings;
        this.connections = connections;
        this.registry = registry;
        this.credentials = credentials;
        this.http = http;
        this.grants = grants;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    record PastedCredential(@NotBlank @Size(max = 4096) String credential) {

        @Override
        public String toString() {
            return "PastedCredential[redacted]";
        }
    }

    @PutMapping("/api/v1/connections/{id}/credential")
    ConnectionController.ConnectionView paste(@AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String id, @Valid @RequestBody PastedCredential body) {
        Connection connection = connections.findOwned(ConnectionId.parse(id), caller.id())
                .orElseThrow(() -> ApiException.notFound("Connection"));
        ProviderAdapter adapter = registry.adapter(connection.providerKey())
                .filter(a -> a.connectKind() == ConnectKind.PASTE)
                .orElseThrow(() -> ApiException.badRequest("Provider " + connection.providerKey()
                        + " is not connected by pasting a credential"));
        Secret credential;
        try {
            credential = adapter.claimPasted(new Secret(body.credential().strip()), http.client(),
                    http.requestTimeout());
        } catch (ProviderCallException e) {
            grants.audit(connection, "provider.connection.credential", "failure", RequestOrigin.current(),
                    Map.of("reason", e.getMessage()));
            if (e.kind() == ProviderCallException.Kind.REFUSED) {
                throw new ApiException(400, "Credential refused", e.getMessage(), Map.of("field", "credential"));
            }
            throw ApiException.badGateway("The provider could not be reached: " + e.getMessage());
        }
        Connection active = tx.execute(status -> {
            Connection current = connections.lock(connection.id())
                    .orElseThrow(() -> ApiException.notFound("Connection"));
            credentials.put(current.id(), credential, clock.instant());
            Connection updated = current.activatedUntilRevoked(clock.instant());
            connections.update(updated);
            grants.audit(updated, "provider.connection.credential", "success", RequestOrigin.current(), Map.of());
            events.publishEvent(new ConnectionActivated(updated.id(), updated.userId(), updated.providerKey()));
            return updated;
        });
        return ConnectionController.ConnectionView.of(active, registry.reauthAfter(), warnings.find(active.id()));
    }
}
