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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A connection deleted while its sync runs: the sync's batch is refused, so none of its rows outlive it. */
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

    private final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    @AfterEach
    void stopFake() {
        schwab.close();
        TestSyncConnections.clear();
    }

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
    void aConnectionDeletedMidSyncKeepsNoneOfTheSyncsRows() throws Exception {
        var caller = newUser();
        UUID connection = connect(caller);
        caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        // The account batch has begun (account row written, uncommitted) when the transactions call blocks.
        schwab.holdTransactionsCall(1);
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> run = pool.submit(worker::runDue);
            assertThat(schwab.awaitHeld(Duration.ofSeconds(30))).isTrue();
            delete(connection, caller);
            schwab.release();
            assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertNothingLeftOf(connection);
    }

    @Test
    void theBatchCommitIsRefusedOnceTheConnectionWasDeletedAndGoesThroughWhileItExists() {
        var caller = newUser();
        UUID kept = connect(caller);
        UUID deleted = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        caller.client().post("/api/v1/connections/" + kept + "/syncs", Map.of());
        caller.client().post("/api/v1/connections/" + deleted + "/syncs", Map.of());
        var claims = List.of(jobs.claimNext("instance-a", clock.instant(), Duration.ofMinutes(2)).orElseThrow(),
                jobs.claimNext("instance-a", clock.instant(), Duration.ofMinutes(2)).orElseThrow());
        var keptClaim = claims.stream().filter(c -> c.connectionId().equals(kept)).findFirst().orElseThrow();
        var deletedClaim = claims.stream().filter(c -> c.connectionId().equals(deleted)).findFirst().orElseThrow();

        try (AccountBatchSession session = store.begin(batch(caller, deleted))) {
            // Deleted after its last page was fetched and before it commits: the window the guard closes.
            delete(deleted, caller);
            assertThatThrownBy(() -> session.commit(tx -> refuseUnlessHeld(deletedClaim, tx)))
                    .hasMessage("refused: JOB_GONE");
        }
        assertNothingLeftOf(deleted);

        try (AccountBatchSession session = store.begin(batch(caller, kept))) {
            assertThat(session.commit(tx -> refuseUnlessHeld(keptClaim, tx)).added()).isEqualTo(1);
        }
        assertThat(rows("SELECT count(*) FROM accounts WHERE connection_id = :c", kept)).isEqualTo(1);
    }

    private void refuseUnlessHeld(SyncJobs.Claim claim, org.springframework.jdbc.core.simple.JdbcClient tx) {
        var hold = jobs.holdForCommit(claim, tx);
        if (hold != SyncJobs.Hold.HELD) {
            throw new IllegalStateException("refused: " + hold);
        }
    }

    private AccountBatch batch(Caller caller, UUID connection) {
        Instant t = clock.instant().minus(Duration.ofDays(1));
        return new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account("55556666", null,
                "CASH", TraderMapper.USD), null, null, List.of(new AccountBatch.Transaction("7", t, null, null,
                "JOURNAL", "VALID", "moved", null, null, null, new BigDecimal("3.00"))));
    }
}
