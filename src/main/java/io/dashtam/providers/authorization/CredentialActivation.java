package io.dashtam.providers.authorization;

import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.providers.ConnectionActivated;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.Connections;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second half of connecting a paste provider, once the provider accepted what was pasted: the credential
 * sealed and stored and the connection active, audited and announced, in one short transaction.
 */
@Component
public class CredentialActivation {

    private final Connections connections;
    private final PastedCredentials credentials;
    private final Grants grants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CredentialActivation(Connections connections, PastedCredentials credentials, Grants grants,
            ApplicationEventPublisher events, Clock clock) {
        this.connections = connections;
        this.credentials = credentials;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Connection activate(ConnectionId id, Secret credential) {
        Connection current = connections.lock(id).orElseThrow(() -> new NotFoundException("Connection"));
        credentials.put(current.id(), credential, clock.instant());
        Connection updated = current.activatedUntilRevoked(clock.instant());
        connections.update(updated);
        grants.audit(updated, "provider.connection.credential", "success", RequestOrigin.current(), Map.of());
        events.publishEvent(new ConnectionActivated(updated.id(), updated.userId(), updated.providerKey()));
        return updated;
    }
}
