package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 24, across crashes: the account (4,550 transactions over 300 days behind Schwab's 3,000-row cap) is
 * synced by the packaged app in its own process with the setting that lost history (14-day windows, one call at a
 * time), and the app is killed with kill -9 at random points of the run three times, a new process taking the run
 * over each time once the lease lapsed. The run that finally succeeds has stored exactly the provider's rows:
 * count, ids and sum.
 */
class SyncKillIT extends IntegrationTest {

    private static final Map<String, String> SETTINGS = Map.of("DASHTAM_SYNC_WINDOW", "14d",
            "DASHTAM_SYNC_PARALLEL_CALLS", "1", "DASHTAM_SYNC_LEASE", "10s", "DASHTAM_SYNC_REQUEST_TIMEOUT", "5s");

    @Value("${dashtam.crypto.encryption-keys}")
    String encryptionKeys;

    @Test
    void killedThreeTimesAtRandomPointsTheSyncStillStoresExactlyTheProvidersRows() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        var caller = newUser();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (FakeSchwab schwab = new FakeSchwab("kill-access-token")) {
            schwab.accounts(SchwabData.account("44445555", "HASHK", "CASH", "10.00", "10.00"));
            BigDecimal sum = BigDecimal.ZERO;
            Random history = new Random(7);
            for (int id = 1; id <= 4550; id++) {
                Instant t = now.minus(Duration.ofDays(300)).plusSeconds((long) (history.nextDouble() * 300 * 86_400));
                String amount = BigDecimal.valueOf(id % 9973, 2).add(BigDecimal.ONE).toPlainString();
                schwab.transaction("HASHK", t, SchwabData.dividend(id, t, "VALID", amount));
                sum = sum.add(new BigDecimal(amount));
            }
            UUID connection = ChildApp.seedSchwabConnection(jdbc, clock, encryptionKeys, caller.userId(),
                    schwab.token());
            caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());

            List<Integer> killedAt = new ArrayList<>();
            for (int kill = 1; kill <= 3; kill++) {
                // A run of this account is about 27 calls (365 days in 14-day windows): kill within its first 25.
                int atCall = schwab.transactionCalls() + 1 + random.nextInt(25);
                Process app = ChildApp.start(schwab, encryptionKeys, "kill-" + kill, SETTINGS);
                try {
                    awaitUntil(() -> schwab.transactionCalls() >= atCall || !app.isAlive(), Duration.ofMinutes(4));
                    assertThat(app.isAlive()).as("the app reached call %d (seed %d)", atCall, seed).isTrue();
                    // Mid-call or mid-write, wherever the app is now: a few milliseconds more, at random.
                    Thread.sleep(random.nextInt(40));
                    app.destroyForcibly(); // SIGKILL
                    assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
                } finally {
                    app.destroyForcibly();
                }
                killedAt.add(atCall);
            }
            Process last = ChildApp.start(schwab, encryptionKeys, "kill-final", SETTINGS);
            try {
                awaitUntil(() -> jdbc.sql("SELECT count(*) FROM sync_runs WHERE connection_id = :c AND status = "
                        + "'succeeded'").param("c", connection).query(Long.class).single() > 0, Duration.ofMinutes(4));
            } finally {
                last.destroy();
                last.waitFor(30, TimeUnit.SECONDS);
            }
            var stored = jdbc.sql("""
                    SELECT count(*) AS n, count(DISTINCT t.provider_transaction_id) AS ids, coalesce(sum(t.amount), 0)
                        AS total, min(t.provider_transaction_id::int) AS lo, max(t.provider_transaction_id::int) AS hi
                    FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.connection_id = :c""")
                    .param("c", connection).query((rs, n) -> List.of(rs.getLong("n"), rs.getLong("ids"),
                            rs.getBigDecimal("total").stripTrailingZeros(), rs.getInt("lo"), rs.getInt("hi")))
                    .single();
            assertThat(stored).as("killed at calls %s (seed %d)", killedAt, seed)
                    .containsExactly(4550L, 4550L, sum.stripTrailingZeros(), 1, 4550);
            assertThat(jdbc.sql("SELECT status FROM sync_runs WHERE connection_id = :c ORDER BY queued_at, started_at")
                    .param("c", connection).query(String.class).list()).as("runs").last().isEqualTo("succeeded");
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
