package io.dashtam.portfolio;

import io.dashtam.core.UserId;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the portfolio. Every query is scoped by the caller's user id. */
@Repository
class PortfolioQueries {

    private final JdbcClient jdbc;

    PortfolioQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String ACCOUNT_SELECT = """
            SELECT a.*, b.balance, b.cash, b.as_of FROM accounts a
            LEFT JOIN LATERAL (SELECT balance, cash, as_of FROM balance_snapshots s WHERE s.account_id = a.id
                ORDER BY as_of_date DESC LIMIT 1) b ON true
            """;

    List<Views.AccountView> accounts(UserId user) {
        return jdbc.sql(ACCOUNT_SELECT + " WHERE a.user_id = :u ORDER BY a.closed_at NULLS FIRST, a.name, a.id")
                .param("u", user.value()).query(PortfolioQueries::account).list();
    }

    Optional<Views.AccountView> account(UserId user, UUID id) {
        return jdbc.sql(ACCOUNT_SELECT + " WHERE a.user_id = :u AND a.id = :id")
                .param("u", user.value()).param("id", id).query(PortfolioQueries::account).optional();
    }

    Optional<String> firstAccountCurrency(UserId user) {
        return jdbc.sql("""
                SELECT currency FROM accounts WHERE user_id = :u AND closed_at IS NULL ORDER BY created_at, id LIMIT 1""")
                .param("u", user.value()).query(String.class).optional().map(String::strip);
    }

    List<Views.BalancePoint> balances(UUID accountId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT * FROM balance_snapshots WHERE account_id = :a AND as_of_date BETWEEN :from AND :to
                ORDER BY as_of_date""")
                .param("a", accountId).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, n) -> new Views.BalancePoint(rs.getDate("as_of_date").toLocalDate(),
                        instant(rs, "as_of"), Views.MoneyView.of(rs.getBigDecimal("balance"), rs.getString("currency")),
                        Views.MoneyView.of(rs.getBigDecimal("cash"), rs.getString("currency"))))
                .list();
    }

    List<Views.HoldingView> holdings(UserId user, UUID accountId, boolean includeClosed) {
        return jdbc.sql("""
                SELECT h.* FROM holdings h JOIN accounts a ON a.id = h.account_id
                WHERE a.user_id = :u AND (CAST(:a AS uuid) IS NULL OR h.account_id = :a)
                    AND (:closed OR h.closed_at IS NULL)
                ORDER BY h.closed_at NULLS FIRST, h.market_value DESC, h.id""")
                .param("u", user.value()).param("a", accountId).param("closed", includeClosed)
                .query((rs, n) -> {
                    String cur = rs.getString("currency");
                    return new Views.HoldingView(rs.getObject("id", UUID.class),
                            rs.getObject("account_id", UUID.class), rs.getString("symbol"), rs.getString("cusip"),
                            rs.getString("description"), rs.getString("asset_type"),
                            Views.decimal(rs.getBigDecimal("quantity")), Views.decimal(rs.getBigDecimal("average_price")),
                            Views.MoneyView.of(rs.getBigDecimal("cost_basis"), cur),
                            Views.MoneyView.of(rs.getBigDecimal("market_value"), cur),
                            Views.MoneyView.of(rs.getBigDecimal("unrealized_pl"), cur), instant(rs, "updated_at"),
                            instant(rs, "closed_at"));
                }).list();
    }

    Views.TransactionSlice transactions(TransactionQuery query) {
        return query.query(jdbc);
    }

    /**
     * A text search, planned for its own term inside a read-only transaction. The best plan depends on the term: a
     * rare one is found through the trigram indexes in a few ms, a common one by walking the time index. A cached
     * generic plan (the same statement's sixth run on a connection) cannot tell them apart and walks the time
     * index, reading the whole history for a term that matches nothing (80-120 ms at 100k rows).
     */
    @Transactional(readOnly = true)
    Views.TransactionSlice search(TransactionQuery query) {
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        return query.query(jdbc);
    }

    Views.NetWorth netWorth(UserId user, Instant now) {
        var totals = jdbc.sql("""
                SELECT b.currency, sum(b.balance) AS total FROM accounts a
                JOIN LATERAL (SELECT balance, currency FROM balance_snapshots s WHERE s.account_id = a.id
                    ORDER BY as_of_date DESC LIMIT 1) b ON true
                WHERE a.user_id = :u AND a.closed_at IS NULL GROUP BY b.currency ORDER BY b.currency""")
                .param("u", user.value())
                .query((rs, n) -> Views.MoneyView.of(rs.getBigDecimal("total"), rs.getString("currency"))).list();
        return new Views.NetWorth(now, totals);
    }

    /** Per day and currency: each account's latest snapshot on or before that day, carried forward. */
    Views.NetWorthHistory netWorthHistory(UserId user, LocalDate from, LocalDate to) {
        Map<String, List<Views.NetWorthPoint>> series = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT d::date AS day, b.currency, sum(b.balance) AS total
                FROM generate_series(CAST(:from AS date), CAST(:to AS date), interval '1 day') d
                JOIN accounts a ON a.user_id = :u AND a.created_at::date <= d::date
                    AND (a.closed_at IS NULL OR a.closed_at::date > d::date)
                JOIN LATERAL (SELECT balance, currency FROM balance_snapshots s
                    WHERE s.account_id = a.id AND s.as_of_date <= d::date ORDER BY as_of_date DESC LIMIT 1) b ON true
                GROUP BY 1, 2 ORDER BY 2, 1""")
                .param("u", user.value()).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, n) -> {
                    series.computeIfAbsent(rs.getString("currency").trim(), c -> new ArrayList<>())
                            .add(new Views.NetWorthPoint(rs.getDate("day").toLocalDate(),
                                    Views.plain(rs.getBigDecimal("total"))));
                    return 0;
                }).list();
        return new Views.NetWorthHistory(from, to, series.entrySet().stream()
                .map(e -> new Views.NetWorthSeries(e.getKey(), e.getValue())).toList());
    }

    private static Views.AccountView account(ResultSet rs, int row) throws SQLException {
        String cur = rs.getString("currency");
        return new Views.AccountView(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
                rs.getString("name"), rs.getString("type"), "****" + rs.getString("number_last4"), cur.trim(),
                Views.MoneyView.of(rs.getBigDecimal("balance"), cur), Views.MoneyView.of(rs.getBigDecimal("cash"), cur),
                instant(rs, "as_of"), instant(rs, "created_at"), instant(rs, "closed_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
