package io.dashtam.markets;

import io.dashtam.core.InvalidInputException;
import io.dashtam.core.UserId;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Conversion between currencies with the ECB's euro reference rates (cross rates through the euro, same day) and
 * the user's manual rates, which override. A day without a rate uses the nearest earlier one, marked; no rate on
 * or before the day is no conversion (empty), never 1.0.
 */
@Service
public class ExchangeRates {

    /**
     * Units of the target currency per unit of the source: the rate, its publication day and source ({@code ecb},
     * {@code builtin}, {@code manual}, {@code same currency}); {@code earlier}: from a day before the one asked.
     */
    public record Rate(BigDecimal value, LocalDate day, String source, boolean earlier) {
    }

    /** Rates loaded once for a span of days: conversions without a query each. */
    public static final class RateTable {
        private final Map<String, NavigableMap<LocalDate, RatesStore.Row>> euro = new HashMap<>();
        private final Map<String, NavigableMap<LocalDate, BigDecimal>> manual = new HashMap<>();

        public Optional<Rate> rate(String from, String to, LocalDate day) {
            if (from.equals(to)) {
                return Optional.of(new Rate(BigDecimal.ONE, day, "same currency", false));
            }
            if (manual.isEmpty()) {
                return crossed(from, to, day);
            }
            var m = manual.get(from + to);
            var me = m == null ? null : m.floorEntry(day);
            var inverse = manual.get(to + from);
            var ie = inverse == null ? null : inverse.floorEntry(day);
            if (me != null || ie != null) {
                if (me != null && (ie == null || !ie.getKey().isAfter(me.getKey()))) {
                    return Optional.of(new Rate(me.getValue(), me.getKey(), "manual", me.getKey().isBefore(day)));
                }
                return Optional.of(new Rate(BigDecimal.ONE.divide(ie.getValue(), MathContext.DECIMAL64), ie.getKey(),
                        "manual", ie.getKey().isBefore(day)));
            }
            return crossed(from, to, day);
        }

        /** Through the euro, each currency's latest rate on or before the day. */
        private Optional<Rate> crossed(String from, String to, LocalDate day) {
            Optional<RatesStore.Row> f = euro(from, day);
            Optional<RatesStore.Row> t = euro(to, day);
            if (f.isEmpty() || t.isEmpty()) {
                return Optional.empty();
            }
            LocalDate used = f.get().day().isBefore(t.get().day()) ? f.get().day() : t.get().day();
            return Optional.of(new Rate(t.get().rate().divide(f.get().rate(), MathContext.DECIMAL64), used,
                    f.get().source().equals("EUR") ? t.get().source() : f.get().source(), used.isBefore(day)));
        }

        private Optional<RatesStore.Row> euro(String currency, LocalDate day) {
            if (currency.equals("EUR")) {
                return Optional.of(new RatesStore.Row(day, "EUR", BigDecimal.ONE, "EUR"));
            }
            var series = euro.get(currency);
            var e = series == null ? null : series.floorEntry(day);
            return e == null ? Optional.empty() : Optional.of(e.getValue());
        }
    }

    private final RatesStore store;
    private final Clock clock;

    ExchangeRates(RatesStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public RateTable table(UserId user, Collection<String> currencies, LocalDate from, LocalDate to) {
        RateTable table = new RateTable();
        Set<String> wanted = new HashSet<>(currencies);
        wanted.remove("EUR");
        for (RatesStore.Row row : store.rates(wanted, from, to)) {
            table.euro.computeIfAbsent(row.currency(), c -> new TreeMap<>()).put(row.day(), row);
        }
        for (RatesStore.Manual m : store.manual(user)) {
            table.manual.computeIfAbsent(m.base() + m.quote(), c -> new TreeMap<>()).put(m.day(), m.rate());
        }
        return table;
    }

    /** A manual rate: 1 {@code base} = {@code rate} {@code quote} from {@code day} on (until a later one). */
    @Transactional
    public void setManual(UserId user, String base, String quote, LocalDate day, BigDecimal rate) {
        String b = currency(base);
        String q = currency(quote);
        if (b.equals(q)) {
            throw InvalidInputException.of("base and quote must be different currencies");
        }
        if (rate == null || rate.signum() <= 0 || rate.compareTo(new BigDecimal("1e9")) >= 0) {
            throw InvalidInputException.of("rate must be a positive decimal below 1e9");
        }
        if (day == null || day.isAfter(LocalDate.now(clock).plusDays(1)) || day.getYear() < 1999) {
            throw InvalidInputException.of("day must be a date from 1999 to today");
        }
        store.putManual(user, new RatesStore.Manual(day, b, q, rate), clock.instant());
    }

    /** An ISO 4217 currency code (upper case), or a 422 problem. */
    public static String currency(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        try {
            EcbFormat.currency(c);
        } catch (EcbFormat.RatesFileException e) {
            throw InvalidInputException.of("currency must be an ISO 4217 code such as USD");
        }
        return c;
    }
}
