package io.dashtam.platform.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Dashtam behaves while its database cannot be reached (the wait for a pooled connection itself is
 * {@code spring.datasource.hikari.connection-timeout}).
 *
 * @param healthTimeout  the longest {@code GET /health} waits for the database before saying DOWN
 * @param probeInterval  while the database is down, how often one request checks whether it is back; the others
 *                       answer 503 at once instead of queueing on the pool
 * @param retryAfter     the {@code Retry-After} sent with a 503
 */
@ConfigurationProperties("dashtam.database.outage")
public record DatabaseOutageProperties(Duration healthTimeout,
        Duration probeInterval, Duration retryAfter) {
}
