package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 24: a sync stores exactly the provider's transactions (count, ids, sum) under every valid setting. The fake
 * Schwab holds 300 days of history in four shapes; each is synced through the real path (HTTPS, the Schwab adapter,
 * the shared budget, windows stored in their own transactions) with windows from one day to the provider's maximum
 * and one or four parallel calls (SyncWindowsTest runs 1 to 4 against histories in memory), and the stored rows are
 * compared with the fake's ground truth. SyncKillIT does the same across kill -9 of the app.
 */
class SyncExactnessIT extends IntegrationTest {

    private static final Duration HISTORY = Duration.ofDays(300);
    private static final List<Duration> WINDOWS = List.of(Duration.ofDays(1), Duration.ofDays(14),
            Duration.ofDays(90), Duration.ofDays(365));

    @Autowired
    SyncJobs jobs;
    @Autowired
    SyncConnections connections;
    @Autowired
    PortfolioStore store;
    @Autowired
    ProviderCalls calls;
    @Autowired
    UserEvents events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** What the provider holds for one account, as the stored rows must read. */
    record Truth(long count, BigDecimal sum, TreeSet<String> ids) {
        static Truth of(JdbcClient jdbc, UUID connection) {
            var ids = new TreeSet<>(jdbc.sql("""
                    SELECT t.provider_transaction_id FROM transactions t JOIN accounts a ON a.id = t.account_id
                    WHERE a.connection_id = :c""").param("c", connection).query(String.class).list());
            BigDecimal sum = jdbc.sql("""
                    SELECT coalesce(sum(t.amount), 0) FROM transactions t JOIN accounts a ON a.id = t.account_id
                    WHERE a.connection_id = :c""").param("c", connection).query(BigDecimal.class).single();
            long count = jdbc.sql("""
                    SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id
                    WHERE a.connection_id = :c""").param("c", connection).query(Long.class).single();
            return new Truth(count, sum.stripTrailingZeros(), ids);
        }
    }

    @Test
    void everyWindowAndParallelSettingStoresExactlyTheProvidersHistory() {
        var caller = newUser();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(HISTORY);
        List<String> failures = new ArrayList<>();
        int combinations = 0;
        for (var shape : shapes(start)) {
            try (FakeSchwab schwab = new FakeSchwab("exact-" + UUID.randomUUID())) {
                schwab.accounts(SchwabData.account("9000" + shape.seed(), "HASH" + shape.seed(), "CASH", "10.00",
                        "10.00"));
                Truth truth = shape.load(schwab);
                for (Duration window : WINDOWS) {
                    for (int parallel : List.of(1, 4)) {
                        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
                        syncOnce(connection, UserId.of(caller.userId()), window, parallel);
                        Truth stored = Truth.of(jdbc, connection);
                        combinations++;
                        if (!stored.equals(truth)) {
                            failures.add(shape.name() + ", window " + window.toDays() + "d, parallel " + parallel
                                    + ": stored " + stored.count() + " rows summing " + stored.sum() + ", provider holds "
                                    + truth.count() + " summing " + truth.sum());
                        }
                        TestSyncConnections.forget(connection);
                    }
                }
            }
        }
        assertThat(failures).as("settings that did not store the provider's history exactly").isEmpty();
        assertThat(combinations).isEqualTo(4 * WINDOWS.size() * 2);
    }

    /** One run through a runner with these settings, claimed and finished as the worker does. */
    private void syncOnce(UUID connection, UserId user, Duration window, int parallel) {
        var properties = new SyncProperties(Duration.ofHours(6), Duration.ofSeconds(5), Duration.ofMinutes(2),
                Duration.ofDays(365), Duration.ofDays(3), window, Duration.ofSeconds(30), parallel, "exactness");
        var runner = new SyncRunner(connections, store, properties, clock, calls, events, transactions);
        jobs.request(connection, user, "manual", clock.instant());
        SyncJobs.Claim claim = jobs.claimNext("exactness", clock.instant(), Duration.ofMinutes(2)).orElseThrow();
        assertThat(claim.connectionId()).isEqualTo(connection);
        Instant until = runner.sync(claim, new SyncRunner.Progress() {
            private SyncRun.Counts counts = SyncRun.Counts.NONE;

            @Override
            public void report(SyncRun.Counts now) {
                counts = now;
            }

            @Override
            public SyncRun.Counts counts() {
                return counts;
            }

            @Override
            public void holdJob(JdbcClient transaction) {
                assertThat(jobs.holdJob(claim, transaction)).isEqualTo(SyncJobs.Hold.HELD);
            }
        });
        jobs.finish(claim, SyncRun.Counts.NONE, null, until, clock.instant(), clock.instant().plus(Duration.ofDays(1)));
    }

    /** A shape of history: its rows go into the fake, and the answer is what the store must hold. */
    private record Shape(String name, int seed, List<Instant> times) {
        Truth load(FakeSchwab schwab) {
            BigDecimal sum = BigDecimal.ZERO;
            TreeSet<String> ids = new TreeSet<>();
            long id = seed * 1_000_000L;
            for (Instant t : times) {
                id++;
                String amount = BigDecimal.valueOf(id % 9973, 2).add(BigDecimal.ONE).toPlainString();
                schwab.transaction("HASH" + seed, t, SchwabData.dividend(id, t, "VALID", amount));
                sum = sum.add(new BigDecimal(amount));
                ids.add(Long.toString(id));
            }
            return new Truth(ids.size(), sum.stripTrailingZeros(), ids);
        }
    }

    private static List<Shape> shapes(Instant start) {
        // 2,999 rows in one second among 2,000 spread around: every window holding that second comes back full, and is
        // cut down to the second itself, which fits.
        List<Instant> edge = spread(start, 2000, 4);
        for (int i = 0; i < 2999; i++) {
            edge.add(start.plus(Duration.ofDays(14)));
        }
        return List.of(
                new Shape("4,550 over 300 days (the issue's account)", 1, spread(start, 4550, 1)),
                new Shape("60 over 300 days", 2, spread(start, 60, 2)),
                new Shape("12,000 over 300 days (fills the 3,000 cap in 90 days)", 3, spread(start, 12_000, 3)),
                new Shape("2,999 rows in one second", 4, edge));
    }

    /** Whole seconds (Schwab's time format), jittered by a fixed seed so no window lines up with the rows. */
    private static List<Instant> spread(Instant start, int count, long seed) {
        Random random = new Random(seed);
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(start.plusSeconds(1 + (long) (random.nextDouble() * (HISTORY.toSeconds() - 2))));
        }
        return times;
    }
}
