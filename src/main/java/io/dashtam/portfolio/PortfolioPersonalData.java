package io.dashtam.portfolio;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A user's portfolio for their export: accounts.json, balances.csv (every recorded balance: the history),
 * holdings.csv, transactions.csv. PostgreSQL writes the CSV (exact decimals, RFC 4180 quoting); large tables go in
 * keyset pages of {@value #PAGE} rows, each its own short query, so no connection is held while the user's download
 * is written. Rows go with their account when the account is deleted (foreign keys), so erasure needs nothing here.
 */
@Component
@Order(300)
class PortfolioPersonalData implements PersonalData {

    static final int PAGE = 20_000;
    private static final String UTC = "to_char(%s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private final DataSource dataSource;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    PortfolioPersonalData(DataSource dataSource, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        String id = user.value().toString(); // a UUID: safe to place in COPY, which takes no parameters
        try (OutputStream out = archive.file("accounts.json")) {
            out.write(jdbc.sql("""
                    SELECT coalesce(json_agg(json_build_object('id', id, 'connectionId', connection_id, 'name', name,
                        'type', type, 'currency', currency, 'numberLast4', number_last4, 'createdAt', %s,
                        'closedAt', %s) ORDER BY created_at, id), '[]'::json)::text
                    FROM accounts WHERE user_id = :user""".formatted(utc("created_at"), utc("closed_at")))
                    .param("user", user.value()).query(String.class).single()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (OutputStream out = archive.file("balances.csv")) {
            copy("""
                    COPY (SELECT b.account_id, b.as_of_date, %s AS as_of, b.balance, b.cash, b.currency
                    FROM balance_snapshots b JOIN accounts a ON a.id = b.account_id WHERE a.user_id = '%s'
                    ORDER BY b.account_id, b.as_of_date) TO STDOUT WITH (FORMAT csv, HEADER)"""
                    .formatted(utc("b.as_of"), id), out);
        }
        try (OutputStream out = archive.file("holdings.csv")) {
            copy("""
                    COPY (SELECT h.account_id, h.symbol, h.cusip, h.description, h.asset_type, h.quantity,
                        h.average_price, h.cost_basis, h.market_value, h.unrealized_pl, h.currency,
                        %s AS updated_at, %s AS closed_at
                    FROM holdings h JOIN accounts a ON a.id = h.account_id WHERE a.user_id = '%s'
                    ORDER BY h.account_id, h.symbol) TO STDOUT WITH (FORMAT csv, HEADER)"""
                    .formatted(utc("h.updated_at"), utc("h.closed_at"), id), out);
        }
        try (OutputStream out = archive.file("transactions.csv")) {
            // Newest first, in pages along the (user_id, occurred_at DESC, id DESC) index: first the page's last key,
            // then its rows by range, each a short query of its own.
            String columns = """
                    id, account_id, provider_transaction_id, %s AS occurred_at, trade_date, settlement_date, type,
                    status, description, symbol, quantity, price, amount, currency""".formatted(utc("occurred_at"));
            String previous = null;
            boolean first = true;
            while (true) {
                String bound = previous == null ? "" : " AND (occurred_at, id) < (" + previous + ")";
                var last = jdbc.sql("""
                        SELECT occurred_at, id FROM transactions WHERE user_id = :user%s
                        ORDER BY occurred_at DESC, id DESC OFFSET :skip LIMIT 1""".formatted(bound))
                        .param("user", user.value()).param("skip", PAGE - 1)
                        .query((rs, n) -> "'" + rs.getTimestamp(1).toInstant() + "'::timestamptz, " + rs.getLong(2))
                        .optional();
                String upTo = last.map(key -> " AND (occurred_at, id) >= (" + key + ")").orElse("");
                ByteArrayOutputStream page = new ByteArrayOutputStream(1 << 22);
                copy("""
                        COPY (SELECT %s FROM transactions WHERE user_id = '%s'%s%s ORDER BY occurred_at DESC, id DESC)
                        TO STDOUT WITH (FORMAT csv%s)""".formatted(columns, id, bound, upTo, first ? ", HEADER" : ""),
                        page);
                page.writeTo(out);
                first = false;
                if (last.isEmpty()) {
                    break;
                }
                previous = last.get();
            }
        }
    }

    private long copy(String sql, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            return c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (SQLException e) {
            throw new IOException("export: " + e.getMessage(), e);
        }
    }

    private static String utc(String column) {
        return UTC.formatted(column);
    }
}
