package io.dashtam.insight;

import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** account_daily_values: written only where a day's figures changed, so re-deriving touches only what changed. */
@Repository
class HistoryStore {

    record Row(UUID accountId, LocalDate day, BigDecimal value, BigDecimal flows, BigDecimal income, BigDecimal fees,
            String currency, String kind, String missingSymbols) {
    }

    record Written(int changed, int removed) {
    }

    private final JdbcClient jdbc;

    HistoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Written replace(UUID account, UserId user, String currency, List<Derivation.DayValue> days, Instant now) {
        int changed = 0;
        for (int i = 0; i < days.size(); i += 500) {
            List<Derivation.DayValue> chunk = days.subList(i, Math.min(days.size(), i + 500));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO account_daily_values (account_id, user_id, day, value, flows, income, fees, currency,
                        kind, missing_symbols, derived_at) VALUES """);
            List<Object> params = new ArrayList<>();
            for (int j = 0; j < chunk.size(); j++) {
                Derivation.DayValue d = chunk.get(j);
                sql.append(j == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(java.util.Arrays.asList(account, user.value(), Date.valueOf(d.day()), d.value(),
                        d.flows(), d.income(), d.fees(), currency, d.kind().name().toLowerCase(Locale.ROOT),
                        d.missingSymbols(), Timestamp.from(now)));
            }
            sql.append("""
                     ON CONFLICT (account_id, day) DO UPDATE SET value = excluded.value, flows = excluded.flows,
                        income = excluded.income, fees = excluded.fees, currency = excluded.currency,
                        kind = excluded.kind, missing_symbols = excluded.missing_symbols,
                        derived_at = excluded.derived_at
                    WHERE (account_daily_values.value, account_daily_values.flows, account_daily_values.income,
                        account_daily_values.fees, account_daily_values.currency, account_daily_values.kind,
                        account_daily_values.missing_symbols) IS DISTINCT FROM (excluded.value, excluded.flows,
                        excluded.income, excluded.fees, excluded.currency, excluded.kind, excluded.missing_symbols)""");
            changed += jdbc.sql(sql.toString()).params(params).update();
        }
        int removed;
        if (days.isEmpty()) {
            removed = jdbc.sql("DELETE FROM account_daily_values WHERE account_id = :a").param("a", account).update();
        } else {
            removed = jdbc.sql("DELETE FROM account_daily_values WHERE account_id = :a AND (day < :f OR day > :l"
                    + " OR day <> ALL (:days))")
                    .param("a", account).param("f", Date.valueOf(days.get(0).day()))
                    .param("l", Date.valueOf(days.get(days.size() - 1).day()))
                    .param("days", days.stream().map(d -> Date.valueOf(d.day())).toArray(Date[]::new)).update();
        }
        return new Written(changed, removed);
    }

    List<Row> rows(UserId user, Collection<UUID> accounts, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT account_id, day, value, flows, income, fees, currency, kind, missing_symbols
                FROM account_daily_values WHERE user_id = :u AND account_id = ANY (:a) AND day BETWEEN :f AND :t
                ORDER BY day, account_id""")
                .param("u", user.value()).param("a", accounts.toArray(UUID[]::new))
                .param("f", Date.valueOf(from)).param("t", Date.valueOf(to))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                        rs.getString(7).trim(), rs.getString(8), rs.getString(9))).list();
    }

    Optional<LocalDate> firstDay(UserId user, Collection<UUID> accounts) {
        return jdbc.sql("SELECT min(day) FROM account_daily_values WHERE user_id = :u AND account_id = ANY (:a)")
                .param("u", user.value()).param("a", accounts.toArray(UUID[]::new)).query(LocalDate.class).optional();
    }
}
