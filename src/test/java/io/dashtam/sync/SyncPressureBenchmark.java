package io.dashtam.sync;

import io.dashtam.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not part of the suite (no IT suffix): run by bench/sync-pressure.sh, on the current code and on an older commit
 * for a before/after table (issue 24). A sync whose provider answers each transactions call after 3 s: the longest
 * time any session of the app stays "idle in transaction" meanwhile (sampled from pg_stat_activity every 20 ms),
 * and how long deleting the connection takes while the sync waits on its provider.
 */
class SyncPressureBenchmark extends IntegrationTest {

    private static final Duration SLOW = Duration.ofSeconds(3);

    @Autowired
    SyncWorker worker;

    @org.springframework.beans.factory.annotation.Value("${dashtam.crypto.encryption-keys}")
    String encryptionKeys;

    @Test
    void idleInTransactionAndDeleteLatencyDuringASlowSync() throws Exception {
        List<String> report = new ArrayList<>();
        var caller = newUser();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (FakeSchwab schwab = new FakeSchwab("pressure-" + UUID.randomUUID())) {
            schwab.accounts(SchwabData.account("31313131", "HASHP", "CASH", "5.00", "5.00"));
            for (int i = 1; i <= 200; i++) {
                Instant t = now.minus(Duration.ofHours(i * 40L));
                schwab.transaction("HASHP", t, SchwabData.dividend(9000 + i, t, "VALID", "1.00"));
            }
            schwab.duringEachCall(() -> {
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // A connection the providers module knows (so the API can delete it), synced here against the fake.
            UUID connection = ChildApp.seedSchwabConnection(jdbc, clock, encryptionKeys, caller.userId(),
                    schwab.token());
            TestSyncConnections.register(connection, caller.userId(), "brokerage", "active", schwab);
            caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
            AtomicLong longestIdle = new AtomicLong();
            var sampling = CompletableFuture.runAsync(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                    Long idle = jdbc.sql("""
                            SELECT coalesce(max(extract(epoch FROM clock_timestamp() - state_change) * 1000), 0)::bigint
                            FROM pg_stat_activity WHERE datname = current_database()
                                AND state LIKE 'idle in transaction%'""").query(Long.class).single();
                    longestIdle.accumulateAndGet(idle, Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            var run = CompletableFuture.supplyAsync(worker::runDue);
            // Into the run: the accounts answered, the first transactions call under way for a second.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (schwab.transactionCalls() < 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            Thread.sleep(1000);
            long started = System.nanoTime();
            int status = caller.client().delete("/api/v1/connections/" + connection).status();
            long deleteMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            try {
                run.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                report.add("run ended with " + e);
            }
            sampling.cancel(true);
            Thread.sleep(100);
            report.add(String.format("provider answers each call after %d s", SLOW.toSeconds()));
            report.add(String.format("longest idle in transaction during the slow sync: %,d ms", longestIdle.get()));
            report.add(String.format("DELETE /api/v1/connections/{id} during the slow sync: %d in %,d ms", status,
                    deleteMillis));
            TestSyncConnections.forget(connection);
        }
        Path out = Path.of("bench", "results", "sync-pressure-latest.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("\n", report) + "\n");
        report.forEach(System.out::println);
    }
}
