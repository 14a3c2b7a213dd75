package io.dashtam.providers;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.InputValidator;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.providers.connections.Aliases;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.ConnectionStatus;
import io.dashtam.providers.connections.ConnectionWarnings;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProviderRegistry;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's connections: the provider types on offer, and create, list, get, rename, delete. Another user's
 * connection (or an id that is not one) is simply not found. The API and the pages both come through here.
 */
@Service
public class ConnectionService {

    private final Connections connections;
    private final ProviderRegistry registry;
    private final ConnectionWarnings warnings;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final InputValidator validator;
    private final Clock clock;

    ConnectionService(Connections connections, ProviderRegistry registry, ConnectionWarnings warnings, AuditLog audit,
            ApplicationEventPublisher events, InputValidator validator, Clock clock) {
        this.connections = connections;
        this.registry = registry;
        this.warnings = warnings;
        this.audit = audit;
        this.events = events;
        this.validator = validator;
        this.clock = clock;
    }

    public record NewConnection(@NotBlank @Size(max = 40) String provider, @NotBlank @Size(max = 100) String alias) {
    }

    public record Rename(@NotBlank @Size(max = 100) String alias) {
    }

    /** Every provider type this instance knows, enabled or not, and file import last. */
    public List<ProviderType> providers() {
        return registry.all();
    }

    public Optional<ProviderType> provider(String key) {
        return registry.find(key);
    }

    @Transactional
    public ConnectionView create(AuthenticatedUser caller, NewConnection request) {
        validator.valid(request);
        var type = registry.find(request.provider().strip())
                .orElseThrow(() -> InvalidInputException.field("provider", "unknown provider"));
        if (!type.configured()) {
            throw InvalidInputException.field("provider", "provider " + type.key() + " is not configured here");
        }
        Connection connection = Connection.create(caller.id(), type, alias(request.alias()), clock.instant());
        if (!connections.insert(connection)) {
            throw new ConflictException("You already have a connection named '" + connection.alias() + "'");
        }
        audit.record(new AuditEvent(caller.id(), "provider.connection.created", "success",
                "connection:" + connection.id(), RequestOrigin.current(),
                Map.of("provider", type.key(), "connection", connection.id().toString())));
        if (connection.status() == ConnectionStatus.ACTIVE) {
            events.publishEvent(new ConnectionActivated(connection.id(), caller.id(), connection.providerKey()));
        }
        return view(connection);
    }

    public List<ConnectionView> list(AuthenticatedUser caller) {
        var reported = warnings.forUser(caller.id());
        return connections.forUser(caller.id()).stream().map(c -> ConnectionView.of(c, registry.reauthAfter(),
                reported.getOrDefault(c.id().value(), ConnectionWarnings.Reported.NONE))).toList();
    }

    public ConnectionView get(AuthenticatedUser caller, String id) {
        return view(owned(caller, id));
    }

    @Transactional
    public ConnectionView rename(AuthenticatedUser caller, String id, Rename request) {
        validator.valid(request);
        Connection renamed = owned(caller, id).renamed(alias(request.alias()), clock.instant());
        try {
            connections.update(renamed);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("You already have a connection named '" + renamed.alias() + "'");
        }
        return view(renamed);
    }

    /** The connection, its tokens and (through {@link ConnectionDeleted}) its sync history and portfolio data. */
    @Transactional
    public void delete(AuthenticatedUser caller, String id) {
        Connection connection = owned(caller, id);
        connections.delete(connection.id(), caller.id());
        events.publishEvent(new ConnectionDeleted(connection.id(), caller.id()));
        audit.record(new AuditEvent(caller.id(), "provider.connection.deleted", "success",
                "connection:" + connection.id(), RequestOrigin.current(),
                Map.of("provider", connection.providerKey(), "connection", connection.id().toString())));
    }

    private ConnectionView view(Connection c) {
        return ConnectionView.of(c, registry.reauthAfter(), warnings.find(c.id()));
    }

    private Connection owned(AuthenticatedUser caller, String id) {
        return connections.findOwned(ConnectionId.parse(id), caller.id())
                .orElseThrow(() -> new NotFoundException("Connection"));
    }

    private static String alias(String raw) {
        try {
            return Aliases.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("alias", e.getMessage());
        }
    }
}
