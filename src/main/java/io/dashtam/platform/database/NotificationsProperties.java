package io.dashtam.platform.database;

import io.dashtam.platform.runtime.ConfigurationProblem;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * PostgreSQL LISTEN/NOTIFY ({@code dashtam.notifications}). {@code mode}: {@code auto} listens and checks with a
 * probe that notifications really arrive (behind PgBouncer in transaction mode they do not) before falling back
 * to polling; {@code listen} never falls back; {@code poll} never listens. In polling mode every subscriber
 * re-reads its table each {@code poll-interval}, which bounds how late a change is seen on another replica.
 */
@ConfigurationProperties("dashtam.notifications")
record NotificationsProperties(String mode, Duration pollInterval,
        Duration probeTimeout, Duration maxReconnectDelay,
        Duration keepAliveInterval) {

    NotificationsProperties {
        if (!mode.equals("auto") && !mode.equals("listen") && !mode.equals("poll")) {
            throw new ConfigurationProblem("DASHTAM_NOTIFICATIONS_MODE", "must be auto, listen or poll, not " + mode);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ConfigurationProblem("DASHTAM_NOTIFICATIONS_POLL_INTERVAL", "must be positive");
        }
    }
}
