package io.dashtam.events;

import io.dashtam.audit.AuditEvent;
import io.dashtam.core.UserEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns audited provider events into live events and metrics, in the auditing transaction: token refreshes
 * (by provider and outcome) and connection status changes. Audit details never hold a token (AuditEvent refuses
 * such keys), and only the connection id and provider are passed on.
 */
@Component
class ProviderEventBridge {

    private final UserEvents events;
    private final MeterRegistry meters;

    ProviderEventBridge(UserEvents events, MeterRegistry meters) {
        this.events = events;
        this.meters = meters;
    }

    @EventListener
    void on(AuditEvent audited) {
        if (audited.userId() == null) {
            return;
        }
        String provider = audited.details().getOrDefault("provider", "unknown");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("connectionId", audited.details().get("connection"));
        payload.put("provider", provider);
        switch (audited.action()) {
            case "provider.token.refreshed" -> {
                refreshes(provider, "success").increment();
                events.publish(audited.userId(), "token.refreshed", payload);
            }
            case "provider.token.refresh_failed" -> {
                refreshes(provider, "failure").increment();
                payload.put("reason", audited.details().getOrDefault("reason", "refused"));
                events.publish(audited.userId(), "token.refresh_failed", payload);
            }
            case "provider.connection.reauth_required" -> status(audited, payload, "reauth_required");
            case "provider.connection.expired" -> status(audited, payload, "expired");
            case "provider.token.stored" -> status(audited, payload, "active");
            default -> { }
        }
    }

    private void status(AuditEvent audited, Map<String, Object> payload, String status) {
        payload.put("status", status);
        if (audited.details().containsKey("deadline")) {
            payload.put("deadline", audited.details().get("deadline"));
        }
        events.publish(audited.userId(), "connection.status_changed", payload);
    }

    private Counter refreshes(String provider, String outcome) {
        return Counter.builder("dashtam.token.refreshes").description("Provider token refreshes by outcome")
                .tag("provider", provider).tag("outcome", outcome).register(meters);
    }
}
