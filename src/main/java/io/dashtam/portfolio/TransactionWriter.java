package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes one account's transactions, page by page, each page in whatever database transaction the caller has open
 * (a sync commits one per window, an import one for the whole file). Each page is staged with COPY and applied with
 * one INSERT ... ON CONFLICT that touches a row only when a value changed; an account that had no transactions when
 * the writer began gets its pages by COPY straight into the table for as long as no id comes twice.
 *
 * <p>Counts are per distinct id over the writer's life, compared with the state before it began: an id reported in
 * two pages (a provider whose end date is inclusive reports a row at a window's edge twice) counts once, as added or
 * updated by its first change, else unchanged. Writers of one account never overlap (a sync holds its lease); should
 * they ever, the unique index fails the second writer's page rather than storing a duplicate.
 */
final class TransactionWriter {

    private enum Outcome { UNCHANGED, ADDED, UPDATED }

    private final UUID accountId;
    private final UserId userId;
    private final Currency currency;
    /** Every id reported so far and what the writer did to it first. */
    private final Map<String, Outcome> reported = new HashMap<>();
    private Boolean fresh;
    private int added;
    private int updated;
    /** Each id's day in the page being written, and the earliest day of a row changed since last taken. */
    private final Map<String, LocalDate> pageDays = new HashMap<>();
    private LocalDate earliestChanged;

    TransactionWriter(UUID accountId, UserId userId, Currency currency) {
        this.accountId = accountId;
        this.userId = userId;
        this.currency = currency;
    }

    /** Stores a page (in provider order: a later report of one id wins) in the caller's open transaction. */
    void write(JdbcClient jdbc, Connection connection, List<AccountBatch.Transaction> page, Timestamp now) {
        if (page.isEmpty()) {
            return;
        }
        Map<String, AccountBatch.Transaction> unique = new LinkedHashMap<>();
        page.forEach(t -> unique.put(t.providerId(), t));
        pageDays.clear();
        unique.values().forEach(t -> pageDays.put(t.providerId(), t.tradeDate() != null ? t.tradeDate()
                : t.occurredAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
        if (fresh == null) {
            fresh = jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM transactions WHERE account_id = :a)")
                    .param("a", accountId).query(Boolean.class).single();
        }
        boolean repeated = unique.keySet().stream().anyMatch(reported::containsKey);
        unique.keySet().forEach(id -> reported.putIfAbsent(id, Outcome.UNCHANGED));
        if (fresh && !repeated) {
            // Nothing of this account but this writer's own earlier pages, none of which held these ids: no conflict.
            copy(connection, "COPY transactions (account_id, user_id, provider_transaction_id, occurred_at, trade_date, "
                    + "settlement_date, type, status, description, symbol, quantity, price, amount, currency, "
                    + "created_at, updated_at) FROM STDIN", CopyText.of(unique.values(),
                            accountId + "\t" + userId.value() + "\t",
                            "\t" + currency.getCurrencyCode() + "\t" + now.toInstant() + "\t" + now.toInstant()));
            unique.keySet().forEach(id -> changed(id, true));
        } else {
            upsert(jdbc, connection, unique.values(), now);
        }
    }

    /**
     * Removes the account's pending rows dated within {@code [from, to)} whose ids are not in {@code reported}: the
     * provider answered for that whole range, so pending activity missing from it was cancelled. Posted rows stay (a
     * provider's settled history is not re-verified here). Returns how many were removed.
     */
    int removeVanishedPending(JdbcClient jdbc, Instant from, Instant to, Set<String> reportedInRange) {
        // The account's pending rows are few (a partial index holds them): compare here, not by sending every id.
        List<String> vanished = jdbc.sql("""
                SELECT provider_transaction_id FROM transactions WHERE account_id = :a AND status = 'PENDING'
                    AND occurred_at >= :from AND occurred_at < :to""")
                .param("a", accountId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(String.class).stream().filter(id -> !reportedInRange.contains(id)).toList();
        if (vanished.isEmpty()) {
            return 0;
        }
        int removed = jdbc.sql("""
                DELETE FROM transactions WHERE account_id = :a AND status = 'PENDING'
                    AND provider_transaction_id = ANY (:ids)""")
                .param("a", accountId).param("ids", vanished.toArray(String[]::new)).update();
        if (removed > 0) {
            changedOn(from.atOffset(java.time.ZoneOffset.UTC).toLocalDate());
        }
        return removed;
    }

    /** The earliest day a row this writer changed is dated, since the last call (null: none changed); resets. */
    LocalDate takeEarliestChanged() {
        LocalDate day = earliestChanged;
        earliestChanged = null;
        return day;
    }

    private void changedOn(LocalDate day) {
        if (day != null && (earliestChanged == null || day.isBefore(earliestChanged))) {
            earliestChanged = day;
        }
    }

    /** {added, updated, unchanged} over every distinct id reported so far. */
    int[] counts() {
        return new int[] {added, updated, reported.size() - added - updated};
    }

    private void changed(String id, boolean inserted) {
        changedOn(pageDays.get(id));
        if (reported.get(id) == Outcome.UNCHANGED) {
            reported.put(id, inserted ? Outcome.ADDED : Outcome.UPDATED);
            if (inserted) {
                added++;
            } else {
                updated++;
            }
        }
    }

    private static void copy(Connection connection, String sql, java.io.Reader rows) {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, rows, 1 << 16);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing transactions failed", e);
        }
    }

    private void upsert(JdbcClient jdbc, Connection connection, Collection<AccountBatch.Transaction> rows,
            Timestamp now) {
        jdbc.sql("""
                CREATE TEMP TABLE IF NOT EXISTS transactions_stage (provider_transaction_id TEXT,
                    occurred_at TIMESTAMPTZ, trade_date DATE, settlement_date DATE, type TEXT, status TEXT,
                    description TEXT, symbol TEXT, quantity NUMERIC(28,8), price NUMERIC(24,8),
                    amount NUMERIC(22,4))
                ON COMMIT DROP""").update();
        copy(connection, "COPY transactions_stage FROM STDIN", CopyText.of(rows, "", ""));
        // One statement, one probe of the unique index per row; no join, so no plan to go wrong on a growing table.
        jdbc.sql("""
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
                RETURNING t.provider_transaction_id, (xmax = 0) AS inserted""")
                .param("a", accountId).param("user", userId.value())
                .param("cur", currency.getCurrencyCode()).param("now", now)
                .query((rs, n) -> {
                    changed(rs.getString(1), rs.getBoolean(2));
                    return null;
                }).list();
        jdbc.sql("TRUNCATE transactions_stage").update();
    }
}
