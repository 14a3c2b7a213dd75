package io.dashtam.sync;

import io.dashtam.core.DatabaseNotifications;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The sync scheduler's state on the management port's health details: oldest queued run, stuck or not, how
 * workers are woken. Always UP: a stuck queue is alerted on (DashtamSyncQueueStuck), never allowed to fail
 * readiness, which would take every replica out of service at once.
 */
@Component("syncSchedulerHealthIndicator")
class SyncSchedulerHealth implements HealthIndicator {

    static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final SyncMetrics metrics;
    private final SyncWorker worker;
    private final DatabaseNotifications notifications;

    SyncSchedulerHealth(SyncMetrics metrics, SyncWorker worker, DatabaseNotifications notifications) {
        this.metrics = metrics;
        this.worker = worker;
        this.notifications = notifications;
    }

    @Override
    public Health health() {
        var details = new LinkedHashMap<String, Object>();
        try {
            double oldest = metrics.oldestQueuedAge();
            details.put("queued", (long) metrics.queued());
            details.put("oldestQueuedSeconds", oldest);
            details.put("stuck", oldest > STUCK_AFTER.toSeconds());
        } catch (RuntimeException e) {
            // The database component reports the outage; this one still shows what it knows without a query.
            details.put("queued", "unknown (database unavailable)");
        }
        details.put("lastClaimAt", worker.lastClaimAt() == null ? "never" : worker.lastClaimAt().toString());
        details.put("listenerMode", notifications.mode().name().toLowerCase());
        return Health.up().withDetails(details).build();
    }
}
