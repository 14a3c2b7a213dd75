package io.dashtam.sync;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SecondApplication;
import io.dashtam.testing.SseClient;
import io.dashtam.testing.SwitchingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no IT suffix): run by bench/events.sh. Event latency from the producer's call (insert,
 * commit, numbering, NOTIFY) to a client's stream on the same instance (A) and on another (B), p50/p99 over
 * BENCH_EVENTS events; the baseline, in the same run, is a bare NOTIFY round trip between two JDBC connections.
 * Then sync queued→started with a worker replica woken by notification (poll hourly), over BENCH_SYNCS runs.
 */
class EventLatencyBenchmark extends IntegrationTest {

    @Autowired
    UserEvents events;

    @Test
    void measure() throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_EVENTS", "300"));
        int syncs = Integer.parseInt(System.getenv().getOrDefault("BENCH_SYNCS", "20"));
        List<String> report = new ArrayList<>();
        report.add("# events latency benchmark, " + java.time.Instant.now() + ", " + Runtime.getRuntime()
                .availableProcessors() + " CPUs, JDK " + Runtime.version());
        double notifyP50;
        try (var b = new SecondApplication("--dashtam.scheduling.enabled=true", "--dashtam.sync.poll-interval=1h")) {
            var caller = newUser();
            UserId user = new UserId(UUID.fromString(caller.userId()));
            List<Double> onA = new ArrayList<>();
            List<Double> onB = new ArrayList<>();
            try (var a = SseClient.open("https://localhost:" + port, "/api/v1/events?types=bench.*",
                    caller.accessToken(), null);
                    var bs = SseClient.open("https://localhost:" + b.port(), "/api/v1/events?types=bench.*",
                            caller.accessToken(), null)) {
                for (int i = 0; i < n + 20; i++) {
                    long t0 = System.nanoTime();
                    events.publish(user, "bench.tick", Map.of("i", i));
                    var ea = a.next(Duration.ofSeconds(10));
                    double la = (System.nanoTime() - t0) / 1e6;
                    var eb = bs.next(Duration.ofSeconds(10));
                    double lb = (System.nanoTime() - t0) / 1e6;
                    if (ea == null || eb == null) {
                        throw new AssertionError("event " + i + " lost");
                    }
                    if (i >= 20) { // warm-up
                        onA.add(la);
                        onB.add(lb);
                    }
                }
            }
            notifyP50 = notifyBaseline(n, report);
            report.add(line("event one instance (A→A)", onA));
            report.add(line("event two instances (A→B)", onB));
            report.add(String.format("ratio p50 A→A / bare NOTIFY: %.1fx", p(onA, 50) / notifyP50));

            List<Double> started = new ArrayList<>();
            try (var schwab = new FakeSchwab("access-" + UUID.randomUUID());
                    var stream = SseClient.open("https://localhost:" + port, "/api/v1/events?types=sync.started",
                            caller.accessToken(), null)) {
                schwab.accounts(SchwabData.account("90909090", "HASHB", "CASH", "10.00", "10.00"));
                for (int i = 0; i < syncs; i++) {
                    UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
                    long t0 = System.nanoTime();
                    caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
                    if (stream.next(Duration.ofSeconds(10)) == null) {
                        throw new AssertionError("sync " + i + " not started");
                    }
                    started.add((System.nanoTime() - t0) / 1e6);
                }
            } finally {
                TestSyncConnections.clear();
            }
            report.add(line("sync requested→started (woken worker B, seen on A)", started));
        }
        Path out = Path.of("bench", "results", "events-latest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
    }

    private static double notifyBaseline(int n, List<String> report) throws Exception {
        var url = SwitchingDataSource.instance().current();
        List<Double> rtt = new ArrayList<>();
        try (Connection listen = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Connection send = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Statement l = listen.createStatement(); Statement s = send.createStatement()) {
            l.execute("LISTEN bench_baseline");
            PGConnection pg = listen.unwrap(PGConnection.class);
            for (int i = 0; i < n + 20; i++) {
                long t0 = System.nanoTime();
                s.execute("SELECT pg_notify('bench_baseline', '" + i + "')");
                while (pg.getNotifications(10_000) == null) {
                    // keep waiting: getNotifications returns early only when something arrived
                }
                if (i >= 20) {
                    rtt.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        report.add(line("baseline: bare NOTIFY round trip", rtt));
        return p(rtt, 50);
    }

    private static String line(String what, List<Double> ms) {
        return String.format("%-52s n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms", what, ms.size(), p(ms, 50), p(ms, 99),
                Collections.max(ms));
    }

    private static double p(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
