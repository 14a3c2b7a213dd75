package io.dashtam.portfolio;

import io.dashtam.core.UserId;
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
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** Removes everything stored for a connection of this owner (balances, holdings, transactions cascade). */
    public int removeConnection(UUID connectionId, UserId owner) {
        return jdbc.sql("DELETE FROM accounts WHERE connection_id = :connection AND user_id = :owner")
                .param("connection", connectionId).param("owner", owner.value()).update();
    }

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

    /**
     * Stages the rows with COPY (fast for large backfills), then applies them with two set-based statements: an
     * UPDATE of the rows whose values changed and an INSERT of the new ones. Returns the rows left unchanged.
     * Writers of one account never overlap (a connection's sync holds its lease), and should they ever, the unique
     * index turns the second writer's batch into a rolled-back failure rather than a duplicate.
     */
    private int writeTransactions(UUID accountId, AccountBatch batch, Timestamp now, int[] counts) {
        // The last report of one id wins, as within a provider's answer the later row is the newer state.
        Map<String, AccountBatch.Transaction> unique = new LinkedHashMap<>();
        batch.transactions().forEach(t -> unique.put(t.providerId(), t));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("""
                        CREATE TEMP TABLE transactions_stage (provider_transaction_id TEXT, occurred_at TIMESTAMPTZ,
                            trade_date DATE, settlement_date DATE, type TEXT, status TEXT, description TEXT,
                            symbol TEXT, quantity NUMERIC(28,8), price NUMERIC(24,8), amount NUMERIC(22,4))
                        ON COMMIT DROP""");
            }
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY transactions_stage FROM STDIN",
                    new StringReader(CopyText.of(unique.values())));
            try (Statement s = connection.createStatement()) {
                s.execute("ANALYZE transactions_stage");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("staging transactions failed", e);
        }
        int updated = jdbc.sql("""
                UPDATE transactions t SET occurred_at = s.occurred_at, trade_date = s.trade_date,
                    settlement_date = s.settlement_date, type = s.type, status = s.status,
                    description = s.description, symbol = s.symbol, quantity = s.quantity, price = s.price,
                    amount = s.amount, updated_at = :now
                FROM transactions_stage s
                WHERE t.account_id = :a AND t.provider_transaction_id = s.provider_transaction_id
                    AND (t.occurred_at, t.trade_date, t.settlement_date, t.type, t.status, t.description, t.symbol,
                        t.quantity, t.price, t.amount)
                    IS DISTINCT FROM (s.occurred_at, s.trade_date, s.settlement_date, s.type, s.status,
                        s.description, s.symbol, s.quantity, s.price, s.amount)""")
                .param("a", accountId).param("now", now).update();
        int added = jdbc.sql("""
                INSERT INTO transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date,
                    settlement_date, type, status, description, symbol, quantity, price, amount, currency,
                    created_at, updated_at)
                SELECT :a, :user, s.provider_transaction_id, s.occurred_at, s.trade_date, s.settlement_date, s.type,
                    s.status, s.description, s.symbol, s.quantity, s.price, s.amount, :cur, :now, :now
                FROM transactions_stage s
                WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = :a
                    AND t.provider_transaction_id = s.provider_transaction_id)""")
                .param("a", accountId).param("user", batch.userId().value())
                .param("cur", batch.account().currency().getCurrencyCode()).param("now", now).update();
        jdbc.sql("DROP TABLE transactions_stage").update();
        counts[0] += added;
        counts[1] += updated;
        return unique.size() - added - updated;
    }
}
