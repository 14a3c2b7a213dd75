package io.dashtam.portfolio;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of one account, in the caller's open database transaction: the account row, its balance and
 * holdings, and its transactions through a {@link TransactionWriter}. Accounts, holdings and transactions are
 * upserted on (account, provider id) and a row is only touched when a value changed. An import stores a whole batch
 * at once ({@link PortfolioStore#storeAll}); a sync writes the account with its first window and the balance and holdings last
 * ({@link AccountSync}).
 */
final class BatchWriter {

    private BatchWriter() {
    }

    /** The account's row and whether it was created now. */
    record AccountRow(UUID id, boolean created) {
    }

    /** Inserts or refreshes the account row (a closed account the source reports again reopens). */
    static AccountRow account(JdbcClient jdbc, AccountBatch batch, Timestamp now) {
        var account = batch.account();
        UUID newId = UUID.randomUUID();
        UUID id = jdbc.sql("""
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
                .param("type", account.type()).param("cur", account.currency().getCurrencyCode()).param("now", now)
                .query(UUID.class).optional()
                .orElseGet(() -> jdbc.sql("""
                        SELECT id FROM accounts WHERE connection_id = :c AND provider_account_id = :pid
                            AND user_id = :user""")
                        .param("c", batch.connectionId()).param("pid", account.providerId())
                        .param("user", batch.userId().value()).query(UUID.class).single());
        return new AccountRow(id, id.equals(newId));
    }

    /**
     * Balance and holdings of the batch, then the result with the transactions' counts ({@code removed}: pending
     * rows removed beside them).
     */
    static BatchResult finish(JdbcClient jdbc, AccountRow account, AccountBatch batch, TransactionWriter transactions,
            int removed, Instant now) {
        Timestamp ts = Timestamp.from(now);
        int[] counts = new int[2];
        boolean balanceChanged = batch.balance() != null && balance(jdbc, account.id(), batch, now, counts);
        int before = counts[0] + counts[1];
        int closed = batch.holdings() == null ? 0
                : new HoldingWriter(jdbc).write(account.id(), batch.account().currency(), batch.holdings(), ts, counts);
        boolean holdingsChanged = closed > 0 || counts[0] + counts[1] > before;
        int[] tx = transactions.counts();
        return new BatchResult(account.id(), account.created(), counts[0] + tx[0], counts[1] + tx[1],
                closed + removed, tx[2], balanceChanged, holdingsChanged);
    }

    /**
     * The source's own "as of" when it gives one (never later than now: a clock ahead of ours is not the future);
     * the snapshot then belongs to that day, and only a newer report of it replaces it.
     */
    private static boolean balance(JdbcClient jdbc, UUID accountId, AccountBatch batch, Instant now, int[] counts) {
        Instant reported = batch.balance().asOf();
        Instant asOf = reported == null || reported.isAfter(now) ? now : reported;
        List<Boolean> inserted = jdbc.sql("""
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
                .param("cur", batch.account().currency().getCurrencyCode()).query(Boolean.class).list();
        inserted.forEach(i -> counts[i ? 0 : 1]++);
        return !inserted.isEmpty();
    }
}
