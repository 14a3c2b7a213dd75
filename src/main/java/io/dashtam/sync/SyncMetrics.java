package io.dashtam.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sync metrics with low-cardinality labels only: provider key (a handful, from the registry) and outcome; never a
 * user or connection id. Queue figures are read from the database at scrape time, so every replica reports the
 * same queue. Connections by status are the providers module's own metric.
 */
@Component
class SyncMetrics {

    private final MeterRegistry meters;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<List<String>, Timer> runs = new ConcurrentHashMap<>();
    private final Map<String, Counter> rows = new ConcurrentHashMap<>();

    SyncMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("dashtam.sync.queue.depth", this, SyncMetrics::queued)
                .description("Sync runs queued and not yet started").register(meters);
        Gauge.builder("dashtam.sync.queue.oldest.age.seconds", this, SyncMetrics::oldestQueuedAge)
                .description("Age of the oldest queued sync run (0 when none)").register(meters);
    }

    /** A run ended: its duration by provider and outcome, and the rows it added or updated by provider. */
    void finished(String provider, String outcome, Duration took, SyncRun.Counts counts) {
        runs.computeIfAbsent(List.of(provider, outcome), k -> Timer.builder("dashtam.sync.runs")
                .description("Sync runs by provider and outcome").tag("provider", provider).tag("outcome", outcome)
                .publishPercentileHistogram().register(meters)).record(took);
        rows.computeIfAbsent(provider, p -> Counter.builder("dashtam.sync.rows")
                .description("Rows added or updated by sync runs, by provider").tag("provider", p).register(meters))
                .increment(counts.added() + counts.updated());
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
}
