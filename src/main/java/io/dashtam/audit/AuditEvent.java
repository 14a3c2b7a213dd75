package io.dashtam.audit;

import io.dashtam.core.RequestOrigin;
import io.dashtam.core.UserId;
import java.util.Map;
import java.util.Objects;

/**
 * One audited fact: who ({@code userId}, may be null for unknown callers), what ({@code action}, e.g.
 * {@code login.failed}), on what ({@code subject}), with which {@code outcome}, and from where. {@code details}
 * must never hold a password or token; the log checks the keys it is given.
 */
public record AuditEvent(UserId userId, String action, String outcome, String subject, RequestOrigin origin,
        Map<String, String> details) {

    private static final java.util.Set<String> FORBIDDEN_KEYS = java.util.Set.of("password", "token",
            "access_token", "refresh_token", "secret", "code", "id_token");

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        origin = origin == null ? RequestOrigin.current() : origin;
        details = details == null ? Map.of() : Map.copyOf(details);
        for (String key : details.keySet()) {
            if (FORBIDDEN_KEYS.contains(key.toLowerCase())) {
                throw new IllegalArgumentException("audit details must not carry '" + key + "'");
            }
        }
    }

    public static AuditEvent of(UserId userId, String action, String outcome, String subject) {
        return new AuditEvent(userId, action, outcome, subject, RequestOrigin.current(), Map.of());
    }

    public AuditEvent with(String key, String value) {
        var copy = new java.util.HashMap<>(details);
        copy.put(key, value);
        return new AuditEvent(userId, action, outcome, subject, origin, copy);
    }
}
