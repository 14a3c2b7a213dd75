package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.UserId;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.AccountSync;
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
 * A connection deleted while its sync runs (issue 24): the deletion never waits for the provider, because nothing of
 * the sync holds a transaction or lock while it waits; a window stored after the deletion is refused; either way none
 * of the sync's rows outlive it.
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
    void aConnectionDeletedWhileItsProviderIsWaitedOnGoesAtOnceAndKeepsNoneOfItsRows() throws Exception {
        var caller = newUser();
        UUID connection = connect(caller);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", connection)).isEqualTo(1);
        clock.advance(Duration.ofHours(7));
        Instant t = clock.instant().minus(Duration.ofHours(1));
        schwab.transaction("HASHZ", t, SchwabData.dividend(43, t, "VALID", "2.50"));
        // The second sync waits on its transactions call.
        schwab.holdTransactionsCall(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> run = pool.submit(worker::runDue);
            assertThat(schwab.awaitHeld(Duration.ofSeconds(30))).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND state LIKE 'idle in transaction%'").query(Long.class).single())
                    .as("no transaction open while the provider is waited on").isZero();
            long started = System.nanoTime();
            delete(connection, caller);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the deletion waits for nothing")
                    .isLessThan(Duration.ofSeconds(1));
            schwab.release();
            assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            schwab.release();
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
        AccountSync refused = store.sync(batch(caller, deleted), tx -> refuseUnlessHeld(deletedClaim, tx));
        assertThatThrownBy(() -> refused.window(clock.instant().minus(Duration.ofDays(2)), clock.instant(),
                List.of(row()))).hasMessage("refused: JOB_GONE");
        assertNothingLeftOf(deleted);

        AccountSync stored = store.sync(batch(caller, kept), tx -> refuseUnlessHeld(keptClaim, tx));
        stored.window(clock.instant().minus(Duration.ofDays(2)), clock.instant(), List.of(row()));
        assertThat(stored.finish(null).added()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", kept)).isEqualTo(1);
        // Ends the claim as its worker would, so no lapsed lease is left for another test's poll to take over.
        jobs.finish(keptClaim, SyncRun.Counts.NONE, null, null, clock.instant(), clock.instant());
    }

    private void refuseUnlessHeld(SyncJobs.Claim claim, org.springframework.jdbc.core.simple.JdbcClient tx) {
        var hold = jobs.holdJob(claim, tx);
        if (hold != SyncJobs.Hold.HELD) {
            throw new IllegalStateException("refused: " + hold);
        }
    }

    private AccountBatch batch(Caller caller, UUID connection) {
        return new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account("55556666", null,
                "CASH", java.util.Currency.getInstance("USD")), null, null, List.of());
    }

    private AccountBatch.Transaction row() {
        return new AccountBatch.Transaction("7", clock.instant().minus(Duration.ofDays(1)), null, null, "JOURNAL",
                "VALID", "moved", null, null, null, new BigDecimal("3.00"));
    }
}
