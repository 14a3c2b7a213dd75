package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.OutageInstance;
import io.dashtam.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while a sync runs (the provider call it waits on returns during the outage, so storing
 * the batch fails): the run cannot be left "running" until its lease lapses. Its end is retried, recorded as
 * failed with the database as the reason as soon as the database is back, the job is free again, and the next
 * scheduled run succeeds on the same, never restarted, pool.
 */
class SyncOutageIT {

    private static OutageInstance app;

    @BeforeAll
    static void start() {
        TestEnvironment.CLOCK.reset();
        app = OutageInstance.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        TestSyncConnections.clear();
    }

    @Test
    void aSyncInterruptedByAnOutageEndsFailedOnRecoveryAndTheNextRunSucceeds() throws Exception {
        SyncWorker worker = app.bean(SyncWorker.class);
        SyncProperties properties = app.bean(SyncProperties.class);
        var user = app.newUser();
        Instant now = TestEnvironment.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        try (FakeSchwab schwab = new FakeSchwab("outage-" + UUID.randomUUID())) {
            schwab.accounts(SchwabData.account("55556666", "HASHO", "CASH", "500.00", "500.00",
                    SchwabData.position("AAPL", "037833100", "1", "100", "150.00", "50.00")));
            schwab.transaction("HASHO", now.minus(Duration.ofDays(2)),
                    SchwabData.dividend(1, now.minus(Duration.ofDays(2)), "VALID", "1.00"));
            UUID connection = TestSyncConnections.register(user.getKey(), "brokerage", "active", schwab);
            var requested = user.getValue().post("/api/v1/connections/" + connection + "/syncs", Map.of());
            assertThat(requested.status()).isEqualTo(202);

            schwab.holdTransactionsCall(1);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(worker::runDue);
            assertThat(schwab.awaitHeld(Duration.ofSeconds(30))).as("the run reached the provider").isTrue();
            app.proxy.cut();
            schwab.release();

            // The run cannot store what it fetched nor record its end while the database is away: it keeps trying.
            assertThat(running).as("the worker retries recording the run's end").isNotDone();
            assertThat(runs(connection)).containsExactly("running|null");
            // Meanwhile a sync request answers 503, not the stuck run.
            assertThat(user.getValue().post("/api/v1/connections/" + connection + "/syncs", Map.of()).status())
                    .isEqualTo(503);

            app.proxy.restore();
            long back = System.nanoTime();
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - back)).as("ended right after the database returned")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(runs(connection)).containsExactly("failed|database unavailable");
            assertThat(app.direct.sql("SELECT lease_owner IS NULL AND current_run_id IS NULL FROM sync_jobs "
                    + "WHERE connection_id = :c").param("c", connection).query(Boolean.class).single())
                    .as("the job is not left claimed").isTrue();
            assertThat(app.direct.sql("SELECT count(*) FROM transactions").query(Integer.class).single()).isZero();

            // The next run comes with the normal schedule and succeeds through the same pool.
            assertThat(worker.runDue()).as("not due before the interval").isZero();
            TestEnvironment.CLOCK.advance(properties.interval().plusMinutes(1));
            assertThat(worker.runDue()).isEqualTo(1);
            assertThat(runs(connection)).containsExactly("failed|database unavailable", "succeeded|null");
            assertThat(app.direct.sql("SELECT count(*) FROM transactions").query(Integer.class).single()).isOne();
        } finally {
            app.proxy.restore();
        }
    }

    private List<String> runs(UUID connection) {
        return app.direct.sql("SELECT status, error FROM sync_runs WHERE connection_id = :c ORDER BY queued_at")
                .param("c", connection).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).list();
    }
}
