package io.dashtam.insight;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import io.dashtam.portfolio.PortfolioHistory;
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
 * A user's derived value history for their export: history.csv, each account's day with its value, flows, income,
 * fees and kind (reported, derived, carried), as PostgreSQL writes CSV (exact decimals). One short query per
 * account into memory (ten years are ~3,700 rows), so no connection is held while the download is written. The
 * rows go with their account on erasure (foreign key).
 */
@Component
@Order(400)
class InsightPersonalData implements PersonalData {

    private final DataSource dataSource;
    private final PortfolioHistory portfolio;

    InsightPersonalData(DataSource dataSource, PortfolioHistory portfolio) {
        this.dataSource = dataSource;
        this.portfolio = portfolio;
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        try (OutputStream out = archive.file("history.csv")) {
            boolean first = true;
            for (var account : portfolio.accounts(user)) {
                ByteArrayOutputStream rows = new ByteArrayOutputStream(1 << 16);
                // Ids are UUIDs: safe to place in COPY, which takes no parameters.
                copy("""
                        COPY (SELECT account_id, day, value, flows, income, fees, currency, kind, missing_symbols
                        FROM account_daily_values WHERE account_id = '%s' AND user_id = '%s' ORDER BY day)
                        TO STDOUT WITH (FORMAT csv%s)""".formatted(account.id(), user.value(),
                        first ? ", HEADER" : ""), rows);
                rows.writeTo(out);
                first = false;
            }
            if (first) {
                out.write("account_id,day,value,flows,income,fees,currency,kind,missing_symbols\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    private void copy(String sql, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (SQLException e) {
            throw new IOException("export: " + e.getMessage(), e);
        }
    }
}
