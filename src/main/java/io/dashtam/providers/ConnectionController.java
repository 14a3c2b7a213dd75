package io.dashtam.providers;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's connections: create, list, get, rename, delete. Another user's connection is simply not found. */
@RestController
@RequestMapping("/api/v1/connections")
class ConnectionController {

    private final Connections connections;
    private final ProviderRegistry registry;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ConnectionWarnings warnings;

    ConnectionController(Connections connections, ProviderRegistry registry, AuditLog audit,
            ApplicationEventPublisher events, Clock clock, ConnectionWarnings warnings) {
        this.warnings = warnings;
        this.connections = connections;
        this.registry = registry;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    record NewConnection(@NotBlank @Size(max = 40) String provider, @NotBlank @Size(max = 100) String alias) {
    }

    record Rename(@NotBlank @Size(max = 100) String alias) {
    }

    /**
     * @param warnings   what the provider reported beside its data at the latest sync that reached it (e.g. a bank
     *                   the SimpleFIN bridge could not reach), sanitized; empty when it reported nothing
     * @param warningsAt when the provider reported them; null without warnings
     */
    record ConnectionView(String id, String provider, String category, String alias, String status,
            String statusReason, Instant authorizedAt, Instant deadline, Instant reauthRequiredAt, Instant createdAt,
            Instant updatedAt, List<String> warnings, Instant warningsAt) {

        static ConnectionView of(Connection c, java.time.Duration reauthAfter, ConnectionWarnings.Reported reported) {
            return new ConnectionView(c.id().toString(), c.providerKey(), c.category(), c.alias(), c.status().db(),
                    c.statusReason(), c.authorizedAt(), c.deadline(),
                    c.deadline() == null || c.authorizedAt() == null ? null : c.authorizedAt().plus(reauthAfter),
                    c.createdAt(), c.updatedAt(), reported.messages(), reported.at());
        }
    }

    private ConnectionView view(Connection c) {
        return ConnectionView.of(c, registry.reauthAfter(), warnings.find(c.id()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    ConnectionView create(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody NewConnection body) {
        var type = registry.find(body.provider().strip())
                .orElseThrow(() -> ApiException.invalidField("provider", "unknown provider"));
        if (!type.configured()) {
            throw ApiException.invalidField("provider", "provider " + type.key() + " is not configured here");
        }
        Connection connection = Connection.create(caller.id(), type, alias(body.alias()), clock.instant());
        if (!connections.insert(connection)) {
            throw ApiException.conflict("You already have a connection named '" + connection.alias() + "'");
        }
        audit.record(new AuditEvent(caller.id(), "provider.connection.created", "success",
                "connection:" + connection.id(), RequestOrigin.current(),
                java.util.Map.of("provider", type.key(), "connection", connection.id().toString())));
        if (connection.status() == ConnectionStatus.ACTIVE) {
            events.publishEvent(new ConnectionActivated(connection.id(), caller.id(), connection.providerKey()));
        }
        return view(connection);
    }

    @GetMapping
    List<ConnectionView> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        var reported = warnings.forUser(caller.id());
        return connections.forUser(caller.id()).stream().map(c -> ConnectionView.of(c, registry.reauthAfter(),
                reported.getOrDefault(c.id().value(), ConnectionWarnings.Reported.NONE))).toList();
    }

    @GetMapping("/{id}")
    ConnectionView get(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return view(owned(caller, id));
    }

    @PatchMapping("/{id}")
    @Transactional
    ConnectionView rename(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            @Valid @RequestBody Rename body) {
        Connection renamed = owned(caller, id).renamed(alias(body.alias()), clock.instant());
        try {
            connections.update(renamed);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("You already have a connection named '" + renamed.alias() + "'");
        }
        return view(renamed);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        Connection connection = owned(caller, id);
        connections.delete(connection.id(), caller.id());
        events.publishEvent(new ConnectionDeleted(connection.id(), caller.id()));
        audit.record(new AuditEvent(caller.id(), "provider.connection.deleted", "success",
                "connection:" + connection.id(), RequestOrigin.current(),
                java.util.Map.of("provider", connection.providerKey(), "connection", connection.id().toString())));
    }

    private Connection owned(AuthenticatedUser caller, String id) {
        return connections.findOwned(ConnectionId.parse(id), caller.id())
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }

    private static String alias(String raw) {
        try {
            return Aliases.normalize(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("alias", e.getMessage());
        }
    }
}
