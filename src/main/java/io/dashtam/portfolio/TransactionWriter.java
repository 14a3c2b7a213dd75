package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one account's transactions page by page inside the batch's database transaction, so a sync can store a
 * page while it fetches the next. Each page is staged with COPY and applied with one INSERT ... ON CONFLICT that
 * touches a row only when a value changed; an account with no transactions yet gets its rows by COPY directly.
 *
 * <p>Counts compare each id's state before the batch with its final state. That holds page by page as long as no
 * id comes twice; when one does (a provider reporting an id in two windows), the pages applied so far are rolled
 * back to a savepoint and the whole batch is applied at the end in one pass, the last report of an id winning.
 * Writers of one account never overlap (a connection's sync holds its lease), and should they ever, the unique
 * index turns the second writer's batch into a rolled-back failure rather than a duplicate.
 */
final class TransactionWriter {

    private final JdbcClient jdbc;
    private final Connection connection;
    private final UUID accountId;
    private final UserId userId;
    private final Currency currency;
    private final Timestamp now;
    private final Set<String> seen = new HashSet<>();
    /** Every id the provider reported in this batch (for pending rows that vanished from it). */
    private final Set<String> reported = new HashSet<>();
    /** Every row appended, kept only for the one-pass fallback. */
    private final List<AccountBatch.Transaction> appended = new ArrayList<>();
    private Savepoint savepoint;
    private boolean fresh;
    private boolean onePass;
    private int added;
    private int updated;

    TransactionWriter(JdbcClient jdbc, Connection connection, UUID accountId, UserId userId, Currency currency,
            Timestamp now) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.accountId = accountId;
        this.userId = userId;
        this.currency = currency;
        this.now = now;
    }

    void append(List<AccountBatch.Transaction> page) {
        if (page.isEmpty()) {
            return;
        }
        appended.addAll(page);
        page.forEach(t -> reported.add(t.providerId()));
        if (onePass) {
            return;
        }
        // The last report of one id wins, as within a provider's answer the later row is the newer state.
        Map<String, AccountBatch.Transaction> unique = new LinkedHashMap<>();
        page.forEach(t -> unique.put(t.providerId(), t));
        try {
            if (savepoint == null) {
                // An account without transactions (a first sync's backfill) cannot conflict: its rows go straight
                // into the table by COPY. Should another writer add rows meanwhile, the unique index fails ours.
                fresh = jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM transactions WHERE account_id = :a)")
                        .param("a", accountId).query(Boolean.class).single();
                savepoint = connection.setSavepoint();
            }
            for (String id : unique.keySet()) {
                if (seen.contains(id)) {
                    connection.rollback(savepoint);
                    onePass = true;
                    added = 0;
                    updated = 0;
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staging transactions failed", e);
        }
        seen.addAll(unique.keySet());
        if (fresh) {
            copy("COPY transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date, "
                    + "settlement_date, type, status, description, symbol, quantity, price, amount, currency, "
                    + "created_at, updated_at) FROM STDIN", CopyText.of(unique.values(),
                            accountId + "\t" + userId.value() + "\t",
                            "\t" + currency.getCurrencyCode() + "\t" + now.toInstant() + "\t" + now.toInstant()));
            added += unique.size();
        } else {
            upsert(unique.values());
        }
    }

    /** Applies what is left; returns {added, updated, unchanged}. */
    int[] finish() {
        int distinct = seen.size();
        if (onePass) {
            Map<String, AccountBatch.Transaction> unique = new LinkedHashMap<>();
            appended.forEach(t -> unique.put(t.providerId(), t));
            upsert(unique.values());
            distinct = unique.size();
        }
        if (savepoint != null) {
            jdbc.sql("DROP TABLE IF EXISTS transactions_stage").update();
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                throw new IllegalStateException("releasing the staging savepoint failed", e);
            }
        }
        appended.clear();
        return new int[] {added, updated, distinct - added - updated};
    }

    /**
     * Removes the account's pending rows dated within {@code [from, to)} that the provider did not report in this
     * batch: the whole window was fetched, so a pending activity missing from it was cancelled. Posted rows stay
     * (a provider's history of settled activity is not re-verified here). Returns how many were removed.
     */
    int removeVanishedPending(java.time.Instant from, java.time.Instant to) {
        // The account's pending rows are few (a partial index holds them) while a backfill reports 100,000 ids:
        // compare here rather than send every reported id to the database.
        List<String> vanished = jdbc.sql("""
                SELECT provider_transaction_id FROM transactions WHERE account_id = :a AND status = 'PENDING'
                    AND occurred_at >= :from AND occurred_at < :to""")
                .param("a", accountId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(String.class).stream().filter(id -> !reported.contains(id)).toList();
        if (vanished.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                DELETE FROM transactions WHERE account_id = :a AND status = 'PENDING'
                    AND provider_transaction_id = ANY (:ids)""")
                .param("a", accountId).param("ids", vanished.toArray(String[]::new)).update();
    }

    private void copy(String sql, java.io.Reader rows) {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows, 1 << 16);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing transactions failed", e);
        }
    }

    private void upsert(Collection<AccountBatch.Transaction> rows) {
        jdbc.sql("""
                CREATE TEMP TABLE IF NOT EXISTS transactions_stage (provider_transaction_id TEXT,
                    occurred_at TIMESTAMPTZ, trade_date DATE, settlement_date DATE, type TEXT, status TEXT,
                    description TEXT, symbol TEXT, quantity NUMERIC(28,8), price NUMERIC(24,8),
                    amount NUMERIC(22,4))
                ON COMMIT DROP""").update();
        copy("COPY transactions_stage FROM STDIN", CopyText.of(rows, "", ""));
        // One statement, one probe of the unique index per row; no join, so no plan to go wrong on a growing table.
        List<Boolean> changed = jdbc.sql("""
                INSERT INTO transactions AS t (account_id, user_id, provider_transaction_id, occurred_at, trade_date,
                    settlement_date, type, status, description, symbol, quantity, price, amount, currency,
                    created_at, updated_at)
                SELECT :a, :user, s.provider_transaction_id, s.occurred_at, s.trade_date, s.settlement_date, s.type,
                    s.status, s.description, s.symbol, s.quantity, s.price, s.amount, :cur, :now, :now
                FROM transactions_stage s
                ON CONFLICT (account_id, provider_transaction_id) DO UPDATE SET occurred_at = EXCLUDED.occurred_at,
                    trade_date = EXCLUDED.trade_date, settlement_date = EXCLUDED.settlement_date,
                    type = EXCLUDED.type, status = EXCLUDED.status, description = EXCLUDED.description,
                    symbol = EXCLUDED.symbol, quantity = EXCLUDED.quantity, price = EXCLUDED.price,
                    amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at
                    WHERE (t.occurred_at, t.trade_date, t.settlement_date, t.type, t.status, t.description, t.symbol,
                        t.quantity, t.price, t.amount)
                    IS DISTINCT FROM (EXCLUDED.occurred_at, EXCLUDED.trade_date, EXCLUDED.settlement_date,
                        EXCLUDED.type, EXCLUDED.status, EXCLUDED.description, EXCLUDED.symbol, EXCLUDED.quantity,
                        EXCLUDED.price, EXCLUDED.amount)
                RETURNING (xmax = 0) AS inserted""")
                .param("a", accountId).param("user", userId.value())
                .param("cur", currency.getCurrencyCode()).param("now", now).query(Boolean.class).list();
        for (Boolean inserted : changed) {
            if (inserted) {
                added++;
            } else {
                updated++;
            }
        }
        jdbc.sql("TRUNCATE transactions_stage").update();
    }
}
