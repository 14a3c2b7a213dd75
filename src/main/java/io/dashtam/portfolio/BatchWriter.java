package io.dashtam.portfolio;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of one account batch, on the connection that holds the batch's database transaction: the
 * account, its balance and holdings when it begins, then its transactions page by page. Accounts, holdings and
 * transactions are upserted on (account, provider id) and a row is only touched when a value changed.
 */
final class BatchWriter {

    private final UUID accountId;
    private final boolean created;
    private final int[] counts = new int[3];
    private final int removed;
    private final boolean balanceChanged;
    private final boolean holdingsChanged;
    private final TransactionWriter transactions;

    private BatchWriter(JdbcClient jdbc, Connection connection, AccountBatch batch, Instant now) {
        Timestamp ts = Timestamp.from(now);
        var account = batch.account();
        UUID newId = UUID.randomUUID();
        this.accountId = jdbc.sql("""
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
        this.created = accountId.equals(newId);
        int before = counts[0] + counts[1];
        if (batch.balance() != null) {
            // The source's own "as of" when it gives one (never later than now: a clock ahead of ours is not the
            // future); the snapshot then belongs to that day, and only a newer report of it replaces it.
            Instant reported = batch.balance().asOf();
            Instant asOf = reported == null || reported.isAfter(now) ? now : reported;
            count(jdbc.sql("""
                    INSERT INTO balance_snapshots AS b (account_id, as_of_date, as_of, balance, cash, currency)
                    VALUES (:a, :day, :asOf, :balance, :cash, :cur)
                    ON CONFLICT (account_id, as_of_date) DO UPDATE
                        SET as_of = EXCLUDED.as_of, balance = EXCLUDED.balance, cash = EXCLUDED.cash
                        WHERE CASE WHEN :dated THEN EXCLUDED.as_of > b.as_of OR EXCLUDED.as_of = b.as_of
                                AND (b.balance, b.cash) IS DISTINCT FROM (EXCLUDED.balance, EXCLUDED.cash)
                            ELSE (b.balance, b.cash) IS DISTINCT FROM (EXCLUDED.balance, EXCLUDED.cash) END
                    RETURNING (xmax = 0) AS inserted""")
                    .param("a", accountId).param("day", asOf.atOffset(ZoneOffset.UTC).toLocalDate())
                    .param("asOf", Timestamp.from(asOf)).param("dated", reported != null)
                    .param("balance", batch.balance().balance()).param("cash", batch.balance().cash())
                    .param("cur", account.currency().getCurrencyCode()).query(Boolean.class).list());
        }
        this.balanceChanged = counts[0] + counts[1] > before;
        int beforeHoldings = counts[0] + counts[1];
        this.removed = batch.holdings() == null ? 0
                : new HoldingWriter(jdbc).write(accountId, account.currency(), batch.holdings(), ts, counts);
        this.holdingsChanged = removed > 0 || counts[0] + counts[1] > beforeHoldings;
        this.transactions = new TransactionWriter(jdbc, connection, accountId, batch.userId(), account.currency(),
                ts);
        transactions.append(batch.transactions());
    }

    /** Writes the account, balance and holdings, and the transactions the batch already holds. */
    static BatchWriter begin(JdbcClient jdbc, Connection connection, AccountBatch batch, Instant now) {
        return new BatchWriter(jdbc, connection, batch, now);
    }

    void append(List<AccountBatch.Transaction> page) {
        transactions.append(page);
    }

    BatchResult finish() {
        return finish(null, null);
    }

    /** With a window: pending rows within it that the batch no longer holds are removed (and counted). */
    BatchResult finish(java.time.Instant fetchedFrom, java.time.Instant fetchedTo) {
        int[] tx = transactions.finish();
        int cancelled = fetchedFrom == null ? 0 : transactions.removeVanishedPending(fetchedFrom, fetchedTo);
        return new BatchResult(accountId, created, counts[0] + tx[0], counts[1] + tx[1], removed + cancelled, tx[2],
                balanceChanged, holdingsChanged);
    }

    private void count(List<Boolean> inserted) {
        for (Boolean i : inserted) {
            counts[i ? 0 : 1]++;
        }
    }
}
