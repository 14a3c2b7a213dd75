package io.dashtam.markets;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A user's own market data for their export: prices.csv (the closes they imported or entered) and
 * exchange-rates.csv (their manual rates). Market data of everyone (a provider's, the ECB's) is not theirs. Their
 * rows go with their user row on erasure (foreign keys).
 */
@Component
@Order(410)
class MarketsPersonalData implements PersonalData {

    private final DataSource dataSource;

    MarketsPersonalData(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        String id = user.value().toString(); // a UUID: safe to place in COPY, which takes no parameters
        try (OutputStream out = archive.file("prices.csv")) {
            copy("""
                    COPY (SELECT symbol, day, close, currency, source FROM symbol_prices WHERE user_id = '%s'
                    ORDER BY symbol, day, source) TO STDOUT WITH (FORMAT csv, HEADER)""".formatted(id), out);
        }
        try (OutputStream out = archive.file("exchange-rates.csv")) {
            copy("""
                    COPY (SELECT day, base, quote, rate FROM fx_manual_rates WHERE user_id = '%s'
                    ORDER BY base, quote, day) TO STDOUT WITH (FORMAT csv, HEADER)""".formatted(id), out);
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
