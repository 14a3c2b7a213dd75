package io.dashtam.insight;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.UserId;
import io.dashtam.markets.ExchangeRates;
import io.dashtam.portfolio.PortfolioHistory;
import io.dashtam.users.ProfileSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases over derived history: the daily total in the base currency, and the returns of a period. Each
 * account's day is converted with that day's rate (or the nearest earlier one, marked); an account's first day in
 * the period counts as money coming in (it arrived with its value), so connecting an account is never a gain.
 */
@Service
public class Performance {

    /** One day of the total: value and external flows in the base currency; kinds of the accounts' figures. */
    public record DayTotal(LocalDate date, BigDecimal value, BigDecimal flows, BigDecimal income, BigDecimal fees,
            boolean derived, boolean carried) {
    }

    public record RateUsed(String from, String to, String rate, LocalDate date, String source, boolean earlier) {
        static RateUsed of(String from, String to, ExchangeRates.Rate rate) {
            return new RateUsed(from, to, rate.value().stripTrailingZeros().toPlainString(), rate.day(),
                    rate.source(), rate.earlier());
        }
    }

    public record Series(String currency, List<DayTotal> days, Set<String> missingSymbols, List<RateUsed> rates) {
    }

    public record Result(LocalDate from, LocalDate to, String currency, String startValue, String endValue,
            String netContributions, String income, String fees, String gain, String twr, String mwr,
            boolean mwrAnnualised, String twrProblem, String mwrProblem, int derivedDays, int carriedDays,
            Set<String> missingSymbols, List<RateUsed> rates) {
    }

    private final PortfolioHistory portfolio;
    private final HistoryStore store;
    private final ExchangeRates rates;
    private final ProfileSettings settings;
    private final Clock clock;

    Performance(PortfolioHistory portfolio, HistoryStore store, ExchangeRates rates, ProfileSettings settings,
            Clock clock) {
        this.portfolio = portfolio;
        this.store = store;
        this.rates = rates;
        this.settings = settings;
        this.clock = clock;
    }

    LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The user's base currency (Settings; by default the first account's). */
    public String baseCurrency(AuthenticatedUser caller) {
        return settings.baseCurrency(caller);
    }

    /** The first day with any value, for the caller's accounts (or one of them); empty with none. */
    @Transactional(readOnly = true)
    public java.util.Optional<LocalDate> firstDay(AuthenticatedUser caller, UUID accountId) {
        return firstDay(caller.id(), accountId);
    }

    java.util.Optional<LocalDate> firstDay(UserId user, UUID accountId) {
        List<UUID> ids = accounts(user, accountId);
        return ids.isEmpty() ? java.util.Optional.empty() : store.firstDay(user, ids);
    }

    /** The daily total over [from, to] in the base currency; days before any value are left out. */
    @Transactional(readOnly = true)
    public Series series(AuthenticatedUser caller, LocalDate from, LocalDate to, UUID accountId) {
        return series(caller.id(), baseCurrency(caller), from, to, accountId);
    }

    /** The same in {@code base} (an account's own currency on its page). */
    Series series(UserId user, String base, LocalDate from, LocalDate to, UUID accountId) {
        List<UUID> ids = accounts(user, accountId);
        if (ids.isEmpty()) {
            return new Series(base, List.of(), Set.of(), List.of());
        }
        List<HistoryStore.Row> rows = store.rows(user, ids, from, to);
        Set<String> currencies = rows.stream().map(HistoryStore.Row::currency).collect(Collectors.toSet());
        ExchangeRates.RateTable table = rates.table(user, currencies, from.minusDays(10), to);
        TreeMap<LocalDate, List<HistoryStore.Row>> byDay = new TreeMap<>();
        rows.forEach(r -> byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r));
        Map<UUID, HistoryStore.Row> last = new HashMap<>();
        List<DayTotal> days = new ArrayList<>();
        TreeSet<String> missing = new TreeSet<>();
        Map<String, ExchangeRates.Rate> used = new LinkedHashMap<>();
        boolean first = true;
        for (var e : byDay.entrySet()) {
            LocalDate day = e.getKey();
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal flows = BigDecimal.ZERO;
            BigDecimal income = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            boolean derived = false;
            boolean carried = false;
            Map<UUID, HistoryStore.Row> today = new HashMap<>();
            e.getValue().forEach(r -> today.put(r.accountId(), r));
            for (UUID id : ids) {
                HistoryStore.Row r = today.get(id);
                boolean arrived = r != null && !last.containsKey(id) && !first;
                if (r == null) {
                    r = last.get(id);
                    if (r == null) {
                        continue;
                    }
                    carried = true;
                    r = new HistoryStore.Row(id, day, r.value(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                            r.currency(), "carried", r.missingSymbols());
                }
                last.put(id, r);
                var rate = table.rate(r.currency(), base, day).orElseThrow(() -> noRate(base, day));
                used.put(r.currency(), rate);
                // A rate of exactly 1 (same currency) leaves x as it is, scale and all: skip the multiplications.
                BigDecimal k = BigDecimal.ONE.equals(rate.value()) ? null : rate.value();
                value = value.add(times(r.value(), k));
                flows = flows.add(times(arrived ? r.value() : r.flows(), k));
                income = income.add(times(r.income(), k));
                fees = fees.add(times(r.fees(), k));
                derived |= r.kind().equals("derived");
                carried |= r.kind().equals("carried");
                if (r.missingSymbols() != null && r.kind().equals("carried")) {
                    missing.addAll(List.of(r.missingSymbols().split(",")));
                }
            }
            first = false;
            days.add(new DayTotal(day, money(value), money(flows), money(income), money(fees), derived, carried));
        }
        // The rate of each currency on the series' last day.
        return new Series(base, days, missing, used.entrySet().stream().map(u -> RateUsed.of(u.getKey(), base,
                u.getValue())).toList());
    }

    @Transactional(readOnly = true)
    public Result performance(AuthenticatedUser caller, LocalDate from, LocalDate to, UUID accountId) {
        UserId user = caller.id();
        LocalDate today = today();
        LocalDate end = to == null ? today : to;
        if (end.isAfter(today)) {
            throw new RefusedException("to must not be after today (" + today + ")");
        }
        LocalDate firstDay = firstDay(user, accountId).orElseThrow(() -> InvalidInputException.of(
                "there is no history yet: connect or import an account, then sync"));
        LocalDate start = from == null ? (end.minusYears(1).isBefore(firstDay) ? firstDay : end.minusYears(1)) : from;
        if (start.isAfter(end)) {
            throw new RefusedException("from must not be after to");
        }
        if (start.isBefore(firstDay)) {
            throw InvalidInputException.of("from is before the first day with data ("
                    + firstDay + ")", Map.of("firstDay", firstDay.toString()));
        }
        Series s = series(user, baseCurrency(caller), start, end, accountId);
        if (s.days().isEmpty()) {
            throw InvalidInputException.of("no values in the period");
        }
        return returns(s, start, end);
    }

    /** The returns of a series over [start, end] (the series holds at least one day). */
    static Result returns(Series s, LocalDate start, LocalDate end) {
        List<DayTotal> days = s.days();
        List<Returns.Day> series = days.stream().map(d -> new Returns.Day(d.date(), d.value(), d.flows())).toList();
        BigDecimal startValue = days.get(0).value();
        BigDecimal endValue = days.get(days.size() - 1).value();
        List<DayTotal> after = days.subList(1, days.size());
        BigDecimal net = after.stream().map(DayTotal::flows).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal income = after.stream().map(DayTotal::income).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = after.stream().map(DayTotal::fees).reduce(BigDecimal.ZERO, BigDecimal::add);
        var twr = Returns.timeWeighted(series);
        var mwr = Returns.moneyWeighted(series);
        return new Result(start, end, s.currency(), plain(startValue), plain(endValue), plain(net), plain(income),
                plain(fees), plain(endValue.subtract(startValue).subtract(net)), rate(twr), rate(mwr),
                mwr.annualised(), twr.problem(), mwr.problem(),
                (int) days.stream().filter(DayTotal::derived).count(),
                (int) days.stream().filter(DayTotal::carried).count(), s.missingSymbols(), s.rates());
    }

    private List<UUID> accounts(UserId user, UUID accountId) {
        List<UUID> ids = portfolio.accounts(user).stream().map(PortfolioHistory.Account::id).toList();
        if (accountId != null) {
            if (!ids.contains(accountId)) {
                throw new NotFoundException("Account");
            }
            return List.of(accountId);
        }
        return ids;
    }

    private static InvalidInputException noRate(String base, LocalDate day) {
        return InvalidInputException.of("no exchange rate into " + base + " on or before "
                + day + " (set a manual rate, or wait for the rates to be fetched)");
    }

    private static String rate(Returns.Rate r) {
        return r.value() == null ? null : r.value().toPlainString();
    }

    private static BigDecimal times(BigDecimal v, BigDecimal rate) {
        return rate == null ? v : v.multiply(rate);
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN);
    }

    static String plain(BigDecimal v) {
        return money(v).toPlainString();
    }
}
