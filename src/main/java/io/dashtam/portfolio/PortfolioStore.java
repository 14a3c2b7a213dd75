package io.dashtam.portfolio;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes account batches idempotently: accounts, holdings and transactions are upserted on (account, provider
 * id) and a row is only touched when a value changed, so storing the same batch twice changes nothing. Each call
 * is one database transaction: a failure leaves everything exactly as it was.
 */
@Service
public class PortfolioStore {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final Clock clock;

    PortfolioStore(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Stores one account batch in its own transaction. */
    public BatchResult store(AccountBatch batch) {
        return storeAll(List.of(batch), false).get(0);
    }

    /**
     * Stores several batches in one transaction. With {@code dryRun} the same work runs and is rolled back, so
     * a preview reports exactly what a real import would do and leaves nothing behind.
     */
    public List<BatchResult> storeAll(List<AccountBatch> batches, boolean dryRun) {
        return tx.execute(status -> {
            List<BatchResult> results = new ArrayList<>();
            Instant now = clock.instant();
            for (AccountBatch batch : batches) {
                results.add(write(batch, now));
            }
            if (dryRun) {
                status.setRollbackOnly();
            }
            return results;
        });
    }

    /** Closes the connection's open accounts the provider no longer reports; returns how many. */
    public int closeAccountsExcept(UUID connectionId, Collection<AccountBatch.Account> reported) {
        List<String> keep = reported.stream().map(AccountBatch.Account::providerId).toList();
        return jdbc.sql("""
                UPDATE accounts SET closed_at = :now, updated_at = :now
                WHERE connection_id = :c AND closed_at IS NULL AND NOT (provider_account_id = ANY (:keep))""")
                .param("now", Timestamp.from(clock.instant())).param("c", connectionId)
                .param("keep", keep.toArray(String[]::new)).update();
    }

    private BatchResult write(AccountBatch batch, Instant now) {
        Timestamp ts = Timestamp.from(now);
        var account = batch.account();
        UUID newId = UUID.randomUUID();
        UUID accountId = jdbc.sql("""
                INSERT INTO accounts AS a (id, user_id, connection_id, provider_account_id, number_last4, name, type,
                    currency, created_at, updated_at)
                VALUES (:id, :user, :c, :pid, :last4, :name, :type, :cur, :now, :now)
                ON CONFLICT (connection_id, provider_account_id) DO UPDATE
                    SET name = EXCLUDED.name, type = EXCLUDED.type, closed_at = NULL, updated_at = EXCLUDED.updated_at
                    WHERE a.user_id = EXCLUDED.user_id AND (a.name, a.type, a.closed_at IS NULL)
                        IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.type, true)
                RETURNING id""")
                .param("id", newId).param("user", batch.userId().value()).param("c", batch.connectionId())
                .param("pid", account.providerId()).param("last4", account.last4()).param("name", account.name())
                .param("type", account.type()).param("cur", account.currency().getCurrencyCode()).param("now", ts)
                .query(UUID.class).optional()
                .orElseGet(() -> jdbc.sql("""
                        SELECT id FROM accounts WHERE connection_id = :c AND provider_account_id = :pid
                            AND user_id = :user""")
                        .param("c", batch.connectionId()).param("pid", account.providerId())
                        .param("user", batch.userId().value()).query(UUID.class).single());
        boolean created = accountId.equals(newId);
        int[] counts = new int[3];
        if (batch.balance() != null) {
            count(counts, jdbc.sql("""
                    INSERT INTO balance_snapshots AS b (account_id, as_of_date, as_of, balance, cash, currency)
                    VALUES (:a, :day, :now, :balance, :cash, :cur)
                    ON CONFLICT (account_id, as_of_date) DO UPDATE
                        SET as_of = EXCLUDED.as_of, balance = EXCLUDED.balance, cash = EXCLUDED.cash
                        WHERE (b.balance, b.cash) IS DISTINCT FROM (EXCLUDED.balance, EXCLUDED.cash)
                    RETURNING (xmax = 0) AS inserted""")
                    .param("a", accountId).param("day", now.atOffset(ZoneOffset.UTC).toLocalDate())
                    .param("now", ts).param("balance", batch.balance().balance()).param("cash", batch.balance().cash())
                    .param("cur", account.currency().getCurrencyCode()).query(Boolean.class).list());
        }
        int removed = 0;
        if (batch.holdings() != null) {
            removed = new HoldingWriter(jdbc).write(accountId, account.currency(), batch.holdings(), ts, counts);
        }
        int unchanged = 0;
        if (!batch.transactions().isEmpty()) {
            unchanged = writeTransactions(accountId, batch, ts, counts);
        }
        return new BatchResult(accountId, created, counts[0], counts[1], removed, unchanged);
    }

    private static void count(int[] counts, List<Boolean> inserted) {
        for (Boolean i : inserted) {
            counts[i ? 0 : 1]++;
        }
    }

    /** Stages the rows with COPY (fast for large backfills), then upserts them with one statement. */
    private int writeTransactions(UUID accountId, AccountBatch batch, Timestamp now, int[] counts) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("""
                        CREATE TEMP TABLE transactions_stage (seq BIGINT, provider_transaction_id TEXT,
                            occurred_at TIMESTAMPTZ, trade_date DATE, settlement_date DATE, type TEXT, status TEXT,
                            description TEXT, symbol TEXT, quantity NUMERIC, price NUMERIC, amount NUMERIC)
                        ON COMMIT DROP""");
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY transactions_stage FROM STDIN", new StringReader(CopyText.of(batch.transactions())));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("staging transactions failed", e);
        }
        var result = jdbc.sql("""
                WITH up AS (
                    INSERT INTO transactions AS t (account_id, user_id, provider_transaction_id, occurred_at,
                        trade_date, settlement_date, type, status, description, symbol, quantity, price, amount,
                        currency, created_at, updated_at)
                    SELECT DISTINCT ON (provider_transaction_id) :a, :user, provider_transaction_id, occurred_at,
                        trade_date, settlement_date, type, status, description, symbol, quantity, price, amount,
                        :cur, :now, :now
                    FROM transactions_stage ORDER BY provider_transaction_id, seq DESC
                    ON CONFLICT (account_id, provider_transaction_id) DO UPDATE SET occurred_at = EXCLUDED.occurred_at,
                        trade_date = EXCLUDED.trade_date, settlement_date = EXCLUDED.settlement_date,
                        type = EXCLUDED.type, status = EXCLUDED.status, description = EXCLUDED.description,
                        symbol = EXCLUDED.symbol, quantity = EXCLUDED.quantity, price = EXCLUDED.price,
                        amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at
                    WHERE (t.occurred_at, t.trade_date, t.settlement_date, t.type, t.status, t.description,
                            t.symbol, t.quantity, t.price, t.amount)
                        IS DISTINCT FROM (EXCLUDED.occurred_at, EXCLUDED.trade_date, EXCLUDED.settlement_date,
                            EXCLUDED.type, EXCLUDED.status, EXCLUDED.description, EXCLUDED.symbol,
                            EXCLUDED.quantity, EXCLUDED.price, EXCLUDED.amount)
                    RETURNING (xmax = 0) AS inserted)
                SELECT (SELECT count(DISTINCT provider_transaction_id) FROM transactions_stage) AS distinct_rows,
                    count(*) FILTER (WHERE inserted) AS added, count(*) FILTER (WHERE NOT inserted) AS updated
                FROM up""")
                .param("a", accountId).param("user", batch.userId().value())
                .param("cur", batch.account().currency().getCurrencyCode()).param("now", now)
                .query((rs, row) -> new long[] {rs.getLong("distinct_rows"), rs.getLong("added"),
                        rs.getLong("updated")})
                .single();
        counts[0] += (int) result[1];
        counts[1] += (int) result[2];
        jdbc.sql("DROP TABLE transactions_stage").update();
        return (int) (result[0] - result[1] - result[2]);
    }
}
