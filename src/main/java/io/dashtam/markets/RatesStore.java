package io.dashtam.markets;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** fx_rates (the ECB's, per day) and fx_manual_rates (a user's own, overriding). */
@Repository
class RatesStore {

    record Row(LocalDate day, String currency, BigDecimal rate, String source) {
    }

    record Manual(LocalDate day, String base, String quote, BigDecimal rate) {
    }

    private final JdbcClient jdbc;

    RatesStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a whole file's rates in the caller's transaction; a day already stored takes the file's values. */
    int store(EcbFormat.Rates rates, String source, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        rates.days().forEach((day, byCurrency) -> byCurrency.forEach((currency, rate) ->
                rows.add(new Object[] {Date.valueOf(day), currency, rate, source, Timestamp.from(now)})));
        int changed = 0;
        for (int i = 0; i < rows.size(); i += 1000) {
            List<Object[]> chunk = rows.subList(i, Math.min(rows.size(), i + 1000));
            StringBuilder sql = new StringBuilder("INSERT INTO fx_rates (day, currency, rate, source, fetched_at) VALUES ");
            List<Object> params = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                sql.append(j == 0 ? "" : ",").append("(?, ?, ?, ?, ?)");
                params.addAll(List.of(chunk.get(j)));
            }
            sql.append(" ON CONFLICT (currency, day) DO UPDATE SET rate = excluded.rate, source = excluded.source,"
                    + " fetched_at = excluded.fetched_at WHERE fx_rates.rate <> excluded.rate");
            changed += jdbc.sql(sql.toString()).params(params).update();
        }
        return changed;
    }

    Optional<LocalDate> oldest() {
        return jdbc.sql("SELECT min(day) FROM fx_rates").query(LocalDate.class).optional();
    }

    Optional<LocalDate> newest() {
        return jdbc.sql("SELECT max(day) FROM fx_rates").query(LocalDate.class).optional();
    }

    /** Rates of the currencies from {@code from} (and the last one before it) to {@code to}, ascending. */
    List<Row> rates(Collection<String> currencies, LocalDate from, LocalDate to) {
        if (currencies.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT day, currency, rate, source FROM fx_rates
                WHERE currency = ANY (:c) AND day <= :to AND day >= coalesce(
                    (SELECT max(day) FROM fx_rates WHERE currency = ANY (:c) AND day <= :from), :from)
                ORDER BY day""")
                .param("c", currencies.toArray(String[]::new)).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new Row(rs.getDate("day").toLocalDate(), rs.getString("currency"),
                        rs.getBigDecimal("rate"), rs.getString("source"))).list();
    }

    List<Manual> manual(UserId user) {
        return jdbc.sql("SELECT day, base, quote, rate FROM fx_manual_rates WHERE user_id = :u ORDER BY day")
                .param("u", user.value()).query((rs, n) -> new Manual(rs.getDate("day").toLocalDate(),
                        rs.getString("base"), rs.getString("quote"), rs.getBigDecimal("rate"))).list();
    }

    void putManual(UserId user, Manual m, Instant now) {
        jdbc.sql("""
                INSERT INTO fx_manual_rates (user_id, day, base, quote, rate, created_at)
                VALUES (:u, :d, :b, :q, :r, :now)
                ON CONFLICT (user_id, base, quote, day) DO UPDATE SET rate = excluded.rate""")
                .param("u", user.value()).param("d", Date.valueOf(m.day())).param("b", m.base())
                .param("q", m.quote()).param("r", m.rate()).param("now", Timestamp.from(now)).update();
    }
}
