package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Writes account batches idempotently: accounts, holdings and transactions are upserted on (account, provider
 * id) and a row is only touched when a value changed, so storing the same batch twice changes nothing. Each call
 * is one database transaction: a failure leaves everything exactly as it was.
 */
@Service
public class PortfolioStore {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Clock clock;
    private final AccountSyncWrites syncWrites;
    private final RecordChanges changes;

    PortfolioStore(JdbcClient jdbc, DataSource dataSource, Clock clock, AccountSyncWrites syncWrites,
            RecordChanges changes) {
        this.syncWrites = syncWrites;
        this.changes = changes;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores one account batch in its own transaction. */
    @Transactional
    public BatchResult store(AccountBatch batch) {
        return storeAll(List.of(batch), false).get(0);
    }

    /**
     * Starts storing one account as a sync fetches it (see {@link AccountSync}): nothing is written until its first
     * window, and each write is a short transaction of its own.
     */
    public AccountSync sync(AccountBatch header, AccountSync.Guard guard) {
        return new AccountSync(syncWrites, header, guard);
    }

    /**
     * Stores several batches in one transaction. With {@code dryRun} the same work runs and is rolled back, so
     * a preview reports exactly what a real import would do and leaves nothing behind.
     */
    @Transactional
    public List<BatchResult> storeAll(List<AccountBatch> batches, boolean dryRun) {
        List<BatchResult> results = new ArrayList<>();
        Instant now = clock.instant();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Timestamp ts = Timestamp.from(now);
        for (AccountBatch batch : batches) {
            var account = BatchWriter.account(jdbc, batch, ts);
            var transactions = new TransactionWriter(account.id(), batch.userId(), batch.account().currency());
            transactions.write(jdbc, connection, batch.transactions(), ts);
            BatchResult result = BatchWriter.finish(jdbc, account, batch, transactions, 0, now);
            changes.changed(batch.userId(), account.id(), transactions.takeEarliestChanged(), result, now);
            results.add(result);
        }
        if (dryRun) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return results;
    }

    /** Removes everything stored for a connection of this owner (balances, holdings, transactions cascade). */
    public int removeConnection(UUID connectionId, UserId owner) {
        return jdbc.sql("DELETE FROM accounts WHERE connection_id = :connection AND user_id = :owner")
                .param("connection", connectionId).param("owner", owner.value()).update();
    }

    /** Closes the connection's open accounts the provider no longer reports; returns their ids. */
    public List<UUID> closeAccountsExcept(UUID connectionId, Collection<AccountBatch.Account> reported) {
        List<String> keep = reported.stream().map(AccountBatch.Account::providerId).toList();
        return jdbc.sql("""
                UPDATE accounts SET closed_at = :now, updated_at = :now
                WHERE connection_id = :c AND closed_at IS NULL AND NOT (provider_account_id = ANY (:keep))
                RETURNING id""")
                .param("now", Timestamp.from(clock.instant())).param("c", connectionId)
                .param("keep", keep.toArray(String[]::new)).query(UUID.class).list();
    }

    /**
     * The time of the oldest transaction of this connection's account still pending, if any: a sync re-fetches
     * from there (bounded by its backfill) so activity pending for longer than the usual overlap still posts.
     */
    public java.util.Optional<Instant> oldestPending(UUID connectionId, AccountBatch.Account account) {
        return jdbc.sql("""
                SELECT min(t.occurred_at) FROM transactions t JOIN accounts a ON a.id = t.account_id
                WHERE a.connection_id = :c AND a.provider_account_id = :pid AND t.status = 'PENDING'""")
                .param("c", connectionId).param("pid", account.providerId()).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }
}
