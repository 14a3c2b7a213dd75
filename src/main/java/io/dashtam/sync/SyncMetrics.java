package io.dashtam.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sync metrics with low-cardinality labels only (outcome; never a user or connection id). Queue figures are read
 * from the database at scrape time, so every replica reports the same queue.
 */
@Component
class SyncMetrics {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Counter rows;
    private final Map<String, Timer> runs = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        rows = Counter.builder("dashtam.sync.rows").description("Rows added or updated by sync runs")
                .register(meters);
        Gauge.builder("dashtam.sync.queue.depth", this, SyncMetrics::queued)
                .description("Sync runs queued and not yet started").register(meters);
        Gauge.builder("dashtam.sync.queue.oldest.age.seconds", this, SyncMetrics::oldestQueuedAge)
                .description("Age of the oldest queued sync run (0 when none)").register(meters);
        Gauge.builder("dashtam.connections", this, m -> m.connections("active")).tag("status", "active")
                .description("Provider connections by status").register(meters);
        for (String status : new String[] {"pending", "expired", "reauth_required", "revoked", "error"}) {
            Gauge.builder("dashtam.connections", this, m -> m.connections(status)).tag("status", status)
                    .description("Provider connections by status").register(meters);
        }
    }

    void finished(String outcome, Duration took, SyncRun.Counts counts) {
        runs.computeIfAbsent(outcome, o -> Timer.builder("dashtam.sync.runs").description("Sync runs by outcome")
                .tag("outcome", o).publishPercentileHistogram().register(meters)).record(took);
        rows.increment(counts.added() + counts.updated());
    }

    double queued() {
        return jdbc.sql("SELECT count(*) FROM sync_runs WHERE status = 'queued'").query(Long.class).single();
    }

    double oldestQueuedAge() {
        // An aggregate always answers one row: NULL (no queued run) becomes 0.
        double seconds = jdbc.sql("""
                SELECT COALESCE(EXTRACT(EPOCH FROM (:now - min(queued_at))), 0) FROM sync_runs
                WHERE status = 'queued'""")
                .param("now", java.sql.Timestamp.from(clock.instant())).query(Double.class).single();
        return Math.max(0, seconds);
    }

    /** Read from the providers' table by name only (the sync module already references connections by id). */
    double connections(String status) {
        return jdbc.sql("SELECT count(*) FROM provider_connections WHERE status = :s").param("s", status)
                .query(Long.class).single();
    }
}
