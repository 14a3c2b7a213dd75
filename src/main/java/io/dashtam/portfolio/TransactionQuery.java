package io.dashtam.portfolio;

import io.dashtam.core.InvalidInputException;
import io.dashtam.core.UserId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A page of the caller's transactions, newest first. Keyset pagination on (occurred_at, id): the cursor names the
 * last row served, so pages stay stable while new rows arrive, and every page is one index range scan. {@code text}
 * searches description and symbol, case-insensitively, as a literal: {@code %} and {@code _} match only themselves.
 */
record TransactionQuery(UserId user, UUID accountId, LocalDate from, LocalDate to, String type, String symbol,
        String status, String text, int limit, Cursor after) {

    static final int MAX_LIMIT = 500;
    static final int MAX_TEXT = 100;
    /** Dates a client may ask about: what PostgreSQL's date and timestamptz both hold, with room to spare. */
    static final LocalDate EARLIEST = LocalDate.of(1, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    TransactionQuery {
        if (from != null) {
            checkedDate("from", from);
        }
        if (to != null) {
            checkedDate("to", to);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw InvalidInputException.field("from", "must not be after 'to'");
        }
        if (status != null && !List.of("VALID", "PENDING", "INVALID", "UNKNOWN").contains(status)) {
            throw InvalidInputException.field("status", "must be VALID, PENDING, INVALID or UNKNOWN");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw InvalidInputException.field("q", "must be at most " + MAX_TEXT + " characters");
        }
    }

    /** {@code text} as a LIKE pattern that matches it anywhere, its own wildcards and the escape taken literally. */
    static String containing(String text) {
        StringBuilder pattern = new StringBuilder("%");
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '%' || c == '_') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    static LocalDate checkedDate(String field, LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw InvalidInputException.field(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }

    /** Position after a row: its time in microseconds and its id, opaque to clients. */
    record Cursor(long micros, long id) {
        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
                Cursor cursor = new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                LocalDate day = cursor.time().atOffset(ZoneOffset.UTC).toLocalDate();
                if (parts.length != 2 || cursor.id() < 0 || day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
                    throw new IllegalArgumentException("not a cursor we issued");
                }
                return cursor;
            } catch (RuntimeException e) {
                throw InvalidInputException.field("cursor", "is not a cursor this API issued");
            }
        }

        static Cursor after(Instant time, long id) {
            return new Cursor(time.getEpochSecond() * 1_000_000 + time.getNano() / 1000, id);
        }

        Instant time() {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }
    }

    Views.TransactionSlice query(JdbcClient jdbc) {
        StringBuilder sql = new StringBuilder("SELECT id, account_id, occurred_at, trade_date, settlement_date, type, "
                + "status, description, symbol, quantity, price, amount, currency FROM transactions WHERE user_id = :u");
        var spec = new java.util.LinkedHashMap<String, Object>();
        spec.put("u", user.value());
        if (accountId != null) {
            sql.append(" AND account_id = :a");
            spec.put("a", accountId);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= :from");
            spec.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (to != null) {
            sql.append(" AND occurred_at < :to");
            spec.put("to", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (type != null) {
            sql.append(" AND type = :type");
            spec.put("type", type.toUpperCase(Locale.ROOT));
        }
        if (symbol != null) {
            sql.append(" AND symbol = :symbol");
            spec.put("symbol", symbol.toUpperCase(Locale.ROOT));
        }
        if (status != null) {
            sql.append(" AND status = :status");
            spec.put("status", status);
        }
        if (text != null) {
            // Backslash is LIKE's default escape (standard_conforming_strings is on since PostgreSQL 9.1).
            sql.append(" AND (description ILIKE :text OR symbol ILIKE :text)");
            spec.put("text", containing(text));
        }
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (:ct, :cid)");
            spec.put("ct", Timestamp.from(after.time()));
            spec.put("cid", after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ").append(limit + 1);
        List<TransactionRow> rows = jdbc.sql(sql.toString()).params(spec).query((rs, n) -> new TransactionRow(
                rs.getLong("id"),
                new Views.TransactionView(Long.toString(rs.getLong("id")), rs.getObject("account_id", UUID.class),
                        PortfolioQueries.instant(rs, "occurred_at"), localDate(rs.getDate("trade_date")),
                        localDate(rs.getDate("settlement_date")), rs.getString("type"), rs.getString("status"),
                        rs.getString("description"), rs.getString("symbol"), Views.decimal(rs.getBigDecimal("quantity")),
                        Views.decimal(rs.getBigDecimal("price")),
                        Views.MoneyView.of(rs.getBigDecimal("amount"), rs.getString("currency"))))).list();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            TransactionRow last = rows.get(limit - 1);
            next = Cursor.after(last.view().time(), last.id()).encode();
        }
        return new Views.TransactionSlice(rows.stream().map(TransactionRow::view).toList(), next);
    }

    private record TransactionRow(long id, Views.TransactionView view) {
    }

    private static LocalDate localDate(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
