package io.dashtam.providers;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The provider registry and a user's connections for the web app: every call goes through the API's own
 * controllers (their checks, audit records, events and transactions), so the two front doors cannot drift.
 */
@Service
public class UserConnections {

    private final ConnectionController controller;
    private final AuthorizationController authorization;
    private final CredentialController credentials;
    private final ProviderRegistry registry;
    private final Validator validator;

    UserConnections(ConnectionController controller, AuthorizationController authorization,
            CredentialController credentials, ProviderRegistry registry, Validator validator) {
        this.controller = controller;
        this.authorization = authorization;
        this.credentials = credentials;
        this.registry = registry;
        this.validator = validator;
    }

    /**
     * A provider as the "add a connection" page offers it. {@code connectKind} says which form connects it:
     * {@code redirect} (to the provider's consent page), {@code paste} (a setup token or key) or {@code upload}.
     */
    public record ProviderOption(String key, String name, String category, String connectKind, boolean configured) {
    }

    /** {@code warnings}: what the provider reported beside its data at the latest sync (sanitized; show escaped). */
    public record ConnectionSummary(UUID id, String provider, String category, String alias, String status,
            String statusReason, Instant authorizedAt, Instant deadline, Instant reauthRequiredAt, Instant createdAt,
            List<String> warnings, Instant warningsAt) {

        /** Everything but file connections syncs from its provider. */
        public boolean synced() {
            return !ProviderRegistry.FILE.equals(provider);
        }
    }

    public List<ProviderOption> providers() {
        return registry.all().stream().map(p -> new ProviderOption(p.key(), p.name(), p.category(), p.connectKind(),
                p.configured())).toList();
    }

    /** The registry's entry for {@code key}, as {@link #providers()} lists it. */
    public Optional<ProviderOption> provider(String key) {
        return providers().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    public ConnectionSummary create(AuthenticatedUser caller, String provider, String alias) {
        return summary(controller.create(caller, validated(new ConnectionController.NewConnection(provider, alias))));
    }

    public List<ConnectionSummary> list(AuthenticatedUser caller) {
        return controller.list(caller).stream().map(UserConnections::summary).toList();
    }

    /** Another user's connection (or a malformed id) is not found, as in the API. */
    public ConnectionSummary get(AuthenticatedUser caller, String id) {
        return summary(controller.get(caller, id));
    }

    public ConnectionSummary rename(AuthenticatedUser caller, String id, String alias) {
        return summary(controller.rename(caller, id, validated(new ConnectionController.Rename(alias))));
    }

    public void delete(AuthenticatedUser caller, String id) {
        controller.delete(caller, id);
    }

    /**
     * Connects a paste provider with what the user pasted, through the API's own credential call (claim, seal,
     * activate, audit); a refused or malformed paste is an {@link ApiException} and stores nothing.
     */
    public ConnectionSummary paste(AuthenticatedUser caller, String id, String pasted) {
        return summary(credentials.paste(caller, id, validated(new CredentialController.PastedCredential(pasted))));
    }

    /** Starts an authorization; the answer is the one-time connect link to open in this browser. */
    public String connectUrl(AuthenticatedUser caller, String id) {
        var body = authorization.authorization(caller, id).getBody();
        if (body == null) {
            throw new IllegalStateException("no authorization started");
        }
        return body.connectUrl();
    }

    private static ConnectionSummary summary(ConnectionController.ConnectionView v) {
        return new ConnectionSummary(UUID.fromString(v.id()), v.provider(), v.category(), v.alias(), v.status(),
                v.statusReason(), v.authorizedAt(), v.deadline(), v.reauthRequiredAt(), v.createdAt(), v.warnings(),
                v.warningsAt());
    }

    private <T> T validated(T request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw ApiException.invalidField(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }
}
