package io.dashtam.markets;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** symbol_prices and what each source was asked already (symbol_price_fetches). */
@Repository
class PriceStore {

    record Close(String symbol, LocalDate day, BigDecimal close, String currency) {
    }

    private final JdbcClient jdbc;

    PriceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void putMarket(List<Close> closes, String source, Instant now) {
        for (Close c : closes) {
            jdbc.sql("""
                    INSERT INTO symbol_prices (symbol, day, close, currency, source, fetched_at)
                    VALUES (:s, :d, :c, :cur, :src, :now)
                    ON CONFLICT (symbol, day) WHERE user_id IS NULL DO UPDATE SET close = excluded.close,
                        source = excluded.source, fetched_at = excluded.fetched_at
                    WHERE symbol_prices.close <> excluded.close""")
                    .param("s", c.symbol()).param("d", Date.valueOf(c.day())).param("c", c.close())
                    .param("cur", c.currency()).param("src", source).param("now", Timestamp.from(now)).update();
        }
    }

    void putUser(UserId user, List<Close> closes, String source, Instant now) {
        for (Close c : closes) {
            jdbc.sql("""
                    INSERT INTO symbol_prices (user_id, symbol, day, close, currency, source, fetched_at)
                    VALUES (:u, :s, :d, :c, :cur, :src, :now)
                    ON CONFLICT (user_id, symbol, day, source) WHERE user_id IS NOT NULL
                    DO UPDATE SET close = excluded.close, currency = excluded.currency, fetched_at = excluded.fetched_at""")
                    .param("u", user.value()).param("s", c.symbol()).param("d", Date.valueOf(c.day()))
                    .param("c", c.close()).param("cur", c.currency()).param("src", source)
                    .param("now", Timestamp.from(now)).update();
        }
    }

    /** Per symbol: day → close, the user's manual over their CSV over market data. */
    Map<String, NavigableMap<LocalDate, BigDecimal>> closes(UserId user, Collection<String> symbols, LocalDate from,
            LocalDate to) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> out = new HashMap<>();
        if (symbols.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (symbol, day) symbol, day, close FROM symbol_prices
                WHERE symbol = ANY (:s) AND (user_id IS NULL OR user_id = :u) AND day BETWEEN :from AND :to
                ORDER BY symbol, day, CASE source WHEN 'manual' THEN 0 WHEN 'csv' THEN 1 ELSE 2 END""")
                .param("s", symbols.toArray(String[]::new)).param("u", user.value())
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query((rs, n) -> out.computeIfAbsent(rs.getString("symbol"), k -> new TreeMap<>())
                        .put(rs.getDate("day").toLocalDate(), rs.getBigDecimal("close"))).list();
        return out;
    }

    Optional<LocalDate[]> fetched(String symbol, String source) {
        return jdbc.sql("SELECT fetched_from, fetched_to FROM symbol_price_fetches WHERE symbol = :s AND source = :src")
                .param("s", symbol).param("src", source)
                .query((rs, n) -> new LocalDate[] {rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()})
                .optional();
    }

    void markFetched(String symbol, String source, LocalDate from, LocalDate to, Instant now) {
        jdbc.sql("""
                INSERT INTO symbol_price_fetches (symbol, source, fetched_from, fetched_to, fetched_at)
                VALUES (:s, :src, :f, :t, :now)
                ON CONFLICT (symbol, source) DO UPDATE SET fetched_from = least(symbol_price_fetches.fetched_from,
                    excluded.fetched_from), fetched_to = greatest(symbol_price_fetches.fetched_to, excluded.fetched_to),
                    fetched_at = excluded.fetched_at""")
                .param("s", symbol).param("src", source).param("f", Date.valueOf(from)).param("t", Date.valueOf(to))
                .param("now", Timestamp.from(now)).update();
    }
}
