package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.AccountBatchSession;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.providers.ConnectionDeleted;
import io.dashtam.providers.ConnectionId;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connection deleted while its sync runs: the deletion waits for the account batch in flight and removes its
 * rows too, and a batch that begins after the deletion is refused; either way none of the sync's rows outlive it.
 */
class SyncDeletedConnectionIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;
    @Autowired
    SyncJobs jobs;
    @Autowired
    PortfolioStore store;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    private UUID connect(Caller caller) {
        schwab.accounts(SchwabData.account("77778888", "HASHZ", "CASH", "10.00", "10.00"));
        Instant t = clock.instant().minus(Duration.ofDays(2));
        schwab.transaction("HASHZ", t, SchwabData.dividend(42, t, "VALID", "1.25"));
        return TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
    }

    /** What DELETE /api/v1/connections/{id} does beyond the providers' own row, in one transaction. */
    private void delete(UUID connection, Caller caller) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.publishEvent(
                new ConnectionDeleted(new ConnectionId(connection), UserId.of(caller.userId()))));
        TestSyncConnections.forget(connection);
    }

    private long rows(String sql, UUID connection) {
        return jdbc.sql(sql).param("c", connection).query(Long.class).single();
    }

    private void assertNothingLeftOf(UUID connection) {
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", connection)).isZero();
        assertThat(rows("SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id "
                + "WHERE a.connection_id = :c", connection)).isZero();
        assertThat(rows("SELECT count(*) FROM sync_jobs WHERE connection_id = :c", connection)).isZero();
        assertThat(rows("SELECT count(*) FROM sync_runs WHERE connection_id = :c", connection)).isZero();
    }

    @Test
    void aConnectionDeletedMidSyncWaitsForTheBatchAndKeepsNoneOfItsRows() throws Exception {
        var caller = newUser();
        UUID connection = connect(caller);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", connection)).isEqualTo(1);
        clock.advance(Duration.ofHours(7));
        Instant t = clock.instant().minus(Duration.ofHours(1));
        schwab.transaction("HASHZ", t, SchwabData.dividend(43, t, "VALID", "2.50"));
        // The second sync's account batch has begun (holding its job row) when its transactions call blocks.
        schwab.holdTransactionsCall(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> run = pool.submit(worker::runDue);
            assertThat(schwab.awaitHeld(Duration.ofSeconds(30))).isTrue();
            Future<?> deletion = pool.submit(() -> delete(connection, caller));
            awaitLockWait();
            assertThat(deletion).isNotDone();
            schwab.release();
            assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            deletion.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertNothingLeftOf(connection);
    }

    @Test
    void aBatchOfADeletedConnectionIsRefusedAndOneOfAnExistingConnectionGoesThrough() {
        var caller = newUser();
        UUID kept = connect(caller);
        UUID deleted = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        caller.client().post("/api/v1/connections/" + kept + "/syncs", Map.of());
        caller.client().post("/api/v1/connections/" + deleted + "/syncs", Map.of());
        var claims = List.of(jobs.claimNext("instance-a", clock.instant(), Duration.ofMinutes(2)).orElseThrow(),
                jobs.claimNext("instance-a", clock.instant(), Duration.ofMinutes(2)).orElseThrow());
        var keptClaim = claims.stream().filter(c -> c.connectionId().equals(kept)).findFirst().orElseThrow();
        var deletedClaim = claims.stream().filter(c -> c.connectionId().equals(deleted)).findFirst().orElseThrow();

        // Deleted after its sync claimed it, before its batch began.
        delete(deleted, caller);
        assertThatThrownBy(() -> store.begin(batch(caller, deleted), tx -> refuseUnlessHeld(deletedClaim, tx)))
                .hasMessage("refused: JOB_GONE");
        assertNothingLeftOf(deleted);

        try (AccountBatchSession session = store.begin(batch(caller, kept), tx -> refuseUnlessHeld(keptClaim, tx))) {
            assertThat(session.commit().added()).isEqualTo(1);
        }
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", kept)).isEqualTo(1);
        // Ends the claim as its worker would, so no lapsed lease is left for another test's poll to take over.
        jobs.finish(keptClaim, SyncRun.Counts.NONE, null, null, clock.instant(), clock.instant());
    }

    /** Until a statement of this database waits for a lock (the deletion behind the batch). */
    private void awaitLockWait() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("a deletion waiting for the batch").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void refuseUnlessHeld(SyncJobs.Claim claim, org.springframework.jdbc.core.simple.JdbcClient tx) {
        var hold = jobs.holdJob(claim, tx);
        if (hold != SyncJobs.Hold.HELD) {
            throw new IllegalStateException("refused: " + hold);
        }
    }

    private AccountBatch batch(Caller caller, UUID connection) {
        Instant t = clock.instant().minus(Duration.ofDays(1));
        return new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account("55556666", null,
                "CASH", java.util.Currency.getInstance("USD")), null, null, List.of(new AccountBatch.Transaction("7", t, null, null,
                "JOURNAL", "VALID", "moved", null, null, null, new BigDecimal("3.00"))));
    }
}
