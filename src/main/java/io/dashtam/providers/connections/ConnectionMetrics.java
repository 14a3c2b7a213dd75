package io.dashtam.providers.connections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code dashtam_connections{status}}: provider connections of all users by status, read from this module's own
 * table at scrape time, so every replica reports the same figures (labels: status only, never an id).
 */
@Component
class ConnectionMetrics {

    ConnectionMetrics(Connections connections, MeterRegistry meters) {
        for (ConnectionStatus status : ConnectionStatus.values()) {
            Gauge.builder("dashtam.connections", connections, c -> c.countByStatus(status))
                    .description("Provider connections by status").tag("status", status.db()).register(meters);
        }
    }
}
