package io.dashtam.sync;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SecondApplication;
import io.dashtam.testing.SseClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no IT suffix): run by bench/events.sh. BENCH_STREAMS (500) concurrent streams of one user
 * on instance B while a sync runs there and instance A publishes BENCH_TICKS (100) events: every stream must get
 * every tick, in order, exactly once, and the sync's end; B's server threads and the JVM's RSS are reported. Then
 * BENCH_CYCLES (1,000) connect/disconnect cycles on B: B's threads and the heap after a GC, first and last.
 * Server threads are the JVM's Tomcat threads (both instances; A idles); the clients live in the same JVM, so RSS
 * and heap include them. BENCH_HTTP=HTTP_1_1 runs the cycles over HTTP/1.1.
 */
class EventStreamsBenchmark extends IntegrationTest {

    private static final java.util.regex.Pattern TICK = java.util.regex.Pattern.compile("\"i\":\\s*(\\d+)");
    private static final java.net.http.HttpClient.Version VERSION = java.net.http.HttpClient.Version.valueOf(
            System.getenv().getOrDefault("BENCH_HTTP", "HTTP_2"));

    @Autowired
    UserEvents events;

    @Test
    void measure() throws Exception {
        int streams = Integer.parseInt(System.getenv().getOrDefault("BENCH_STREAMS", "500"));
        int ticks = Integer.parseInt(System.getenv().getOrDefault("BENCH_TICKS", "100"));
        int cycles = Integer.parseInt(System.getenv().getOrDefault("BENCH_CYCLES", "1000"));
        List<String> report = new ArrayList<>();
        report.add("# event streams benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, JDK " + Runtime.version() + ", load " + Files.readString(Path.of("/proc/loadavg")).trim());
        try (var b = new SecondApplication("--dashtam.scheduling.enabled=true", "--dashtam.sync.poll-interval=1h",
                "--dashtam.events.max-streams-per-user=" + (streams + 10))) {
            var caller = newUser();
            UserId user = new UserId(UUID.fromString(caller.userId()));
            String base = "https://localhost:" + b.port();
            report.add(String.format("before: Tomcat threads %d, JVM RSS %d MB", serverThreads(), rssMb()));

            List<SseClient> clients = new ArrayList<>();
            long openStart = System.nanoTime();
            for (int i = 0; i < streams; i++) {
                var client = SseClient.open(base, "/api/v1/events?types=bench.*,sync.succeeded,sync.failed",
                        caller.accessToken(), null);
                if (client.response().statusCode() != 200) {
                    throw new AssertionError("stream " + i + " answered " + client.response().statusCode());
                }
                clients.add(client);
            }
            report.add(String.format("%d streams open in %.1f s: Tomcat threads %d, JVM RSS %d MB", streams,
                    (System.nanoTime() - openStart) / 1e9, serverThreads(), rssMb()));

            try (var schwab = new FakeSchwab("access-" + UUID.randomUUID())) {
                schwab.accounts(SchwabData.account("80808080", "HASHS", "CASH", "10.00", "10.00"));
                UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
                long t0 = System.nanoTime();
                caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()); // B's worker wakes
                for (int i = 0; i < ticks; i++) {
                    events.publish(user, "bench.tick", Map.of("i", i)); // produced on A, delivered by B
                }
                int complete = 0;
                List<String> problems = new ArrayList<>();
                for (int s = 0; s < clients.size(); s++) {
                    String problem = check(clients.get(s), ticks);
                    if (problem == null) {
                        complete++;
                    } else if (problems.size() < 5) {
                        problems.add("stream " + s + ": " + problem);
                    }
                }
                report.add(String.format("sync on B + %d events from A: %d of %d streams got every tick in order "
                        + "exactly once and the sync's end, in %.1f s; Tomcat threads %d, JVM RSS %d MB%s", ticks,
                        complete, streams, (System.nanoTime() - t0) / 1e9, serverThreads(), rssMb(),
                        problems.isEmpty() ? "" : "; " + problems));
            } finally {
                TestSyncConnections.clear();
            }
            clients.forEach(SseClient::close);
            clients.clear();

            long heapFirst = 0;
            int threadsFirst = 0;
            long cycleStart = System.nanoTime();
            for (int i = 1; i <= cycles; i++) {
                try (var client = SseClient.open(base, "/api/v1/events?types=bench.*", caller.accessToken(), null,
                        VERSION)) {
                    if (client.response().statusCode() != 200) {
                        throw new AssertionError("cycle " + i + " answered " + client.response().statusCode() + " "
                                + client.response().headers().map() + " "
                                + String.join("\n", client.response().body().toList()));
                    }
                }
                if (i == 100 || i == cycles) {
                    long heap = heapAfterGcMb();
                    int threads = serverThreads();
                    if (i == 100) {
                        heapFirst = heap;
                        threadsFirst = threads;
                    } else {
                        report.add(String.format("%d connect/disconnect cycles in %.1f s: after 100 Tomcat threads %d, "
                                + "heap %d MB; after %d Tomcat threads %d, heap %d MB; JVM RSS %d MB", cycles,
                                (System.nanoTime() - cycleStart) / 1e9, threadsFirst, heapFirst, cycles, threads,
                                heap, rssMb()));
                    }
                }
            }
        }
        Path out = Path.of("bench", "results", "event-streams-latest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
    }

    /** Null when the stream got ticks 0..n-1 in order, once each, and a sync end; else what was wrong. */
    private static String check(SseClient client, int ticks) {
        int next = 0;
        boolean syncEnded = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((next < ticks || !syncEnded) && System.nanoTime() < deadline) {
            var e = client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) {
                break;
            }
            if (e.type().startsWith("sync.")) {
                syncEnded = true;
            } else if (e.type().equals("bench.tick")) {
                var tick = TICK.matcher(e.data());
                if (!tick.find() || Integer.parseInt(tick.group(1)) != next) {
                    return "tick " + next + " expected, got " + e.data();
                }
                next++;
            }
        }
        return next == ticks && syncEnded ? null : "got " + next + " ticks, sync ended " + syncEnded;
    }

    /** Tomcat's threads in this JVM (both instances: with port 0 their names say "auto-N", not the port). */
    private static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains("-nio-auto-"))
                .count();
    }

    private static long heapAfterGcMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long rssMb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) >> 10).findFirst().orElse(-1L);
    }
}
