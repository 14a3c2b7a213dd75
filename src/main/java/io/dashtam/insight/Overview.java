package io.dashtam.insight;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.markets.ExchangeRates;
import io.dashtam.portfolio.PortfolioService;
import io.dashtam.portfolio.Views;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the dashboard and an account page show, in one read each: the total now in the base currency (each
 * currency's part with the rate, its date and source; a currency without a rate is named, never counted at 1.0),
 * the daily history of the period with each day's kind, its returns, the allocation by holding and by currency, and
 * for one account its income by month. A part that cannot be had (no history yet, no rate) says why instead.
 */
@Service
public class Overview {

    /** Holdings beyond this many (by value) are one "Other holdings" slice. */
    static final int TOP_HOLDINGS = 8;

    /** One currency's part of the total: converted is null when no rate was found on or before today. */
    public record Part(String currency, String amount, String converted, Performance.RateUsed rate) {
    }

    public record Total(String currency, String amount, List<Part> parts, List<String> unconverted) {
        public boolean complete() {
            return unconverted.isEmpty();
        }
    }

    /** A slice in the base currency; percent of all positive slices, null for a negative one (a debt). */
    public record Slice(String label, String amount, String percent) {
    }

    public record Allocation(String currency, List<Slice> byHolding, List<Slice> byCurrency, List<String> unconverted) {
    }

    /** The period's history and returns; problem says why there are none (no history yet, no rate). */
    public record Period(LocalDate from, LocalDate to, Performance.Series series, Performance.Result returns,
            String problem) {
    }

    public record Dashboard(Total total, Period period, Allocation allocation) {
    }

    public record MonthIncome(YearMonth month, String income, String fees) {
    }

    public record AccountOverview(Period period, List<MonthIncome> incomeByMonth) {
    }

    private final Performance performance;
    private final PortfolioService portfolio;
    private final ExchangeRates rates;

    Overview(Performance performance, PortfolioService portfolio, ExchangeRates rates) {
        this.performance = performance;
        this.portfolio = portfolio;
        this.rates = rates;
    }

    /** The dashboard over [from, today] (from is moved to the first day with history when that is later). */
    @Transactional(readOnly = true)
    public Dashboard dashboard(AuthenticatedUser caller, LocalDate from) {
        String base = performance.baseCurrency(caller);
        LocalDate today = performance.today();
        var netWorth = portfolio.netWorth(caller).totals();
        Set<String> currencies = new HashSet<>();
        netWorth.forEach(t -> currencies.add(t.currency()));
        var holdings = portfolio.holdings(caller, null, false);
        holdings.stream().filter(h -> h.marketValue() != null).forEach(h -> currencies.add(h.marketValue().currency()));
        ExchangeRates.RateTable table = rates.table(caller.id(), currencies, today.minusDays(30), today);
        return new Dashboard(total(base, netWorth, table, today), period(caller, base, from, today, null),
                allocation(base, netWorth, holdings, table, today));
    }

    /** One account over [from, today] in its own currency, and its income and fees by month. */
    @Transactional(readOnly = true)
    public AccountOverview account(AuthenticatedUser caller, UUID accountId, LocalDate from) {
        Views.AccountView account = portfolio.account(caller, accountId);
        Period period = period(caller, account.currency(), from, performance.today(), accountId);
        TreeMap<YearMonth, BigDecimal[]> months = new TreeMap<>(Comparator.reverseOrder());
        if (period.series() != null) {
            for (var d : period.series().days()) {
                if (d.income().signum() != 0 || d.fees().signum() != 0) {
                    BigDecimal[] m = months.computeIfAbsent(YearMonth.from(d.date()),
                            k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    m[0] = m[0].add(d.income());
                    m[1] = m[1].add(d.fees());
                }
            }
        }
        List<MonthIncome> income = new ArrayList<>();
        months.forEach((month, m) -> income.add(new MonthIncome(month, Performance.plain(m[0]),
                Performance.plain(m[1]))));
        return new AccountOverview(period, income);
    }

    private Period period(AuthenticatedUser caller, String currency, LocalDate from, LocalDate today,
            UUID accountId) {
        try {
            Performance.Series series = performance.series(caller.id(), currency, from, today, accountId);
            if (series.days().isEmpty()) {
                return new Period(from, today, series, null, "No history yet: it is derived right after an "
                        + "account's first sync or import.");
            }
            LocalDate start = series.days().get(0).date();
            return new Period(start, today, series, Performance.returns(series, start, today), null);
        } catch (DomainException e) {
            // No rate into the base currency for a day: the page says so (and how to fix it) instead of a number.
            return new Period(from, today, null, null, e.getMessage());
        }
    }

    private static Total total(String base, List<Views.MoneyView> netWorth, ExchangeRates.RateTable table,
            LocalDate today) {
        BigDecimal sum = BigDecimal.ZERO;
        List<Part> parts = new ArrayList<>();
        List<String> unconverted = new ArrayList<>();
        for (var t : netWorth) {
            var rate = table.rate(t.currency(), base, today);
            if (rate.isEmpty()) {
                unconverted.add(t.currency());
                parts.add(new Part(t.currency(), t.amount(), null, null));
                continue;
            }
            BigDecimal converted = new BigDecimal(t.amount()).multiply(rate.get().value());
            sum = sum.add(converted);
            parts.add(new Part(t.currency(), t.amount(), Performance.plain(converted),
                    Performance.RateUsed.of(t.currency(), base, rate.get())));
        }
        return new Total(base, Performance.plain(sum), parts, unconverted);
    }

    /**
     * By holding: each symbol's market value over all accounts (the largest {@link #TOP_HOLDINGS}, then the rest as
     * one slice) and "Cash and other" (the total less the holdings). By currency: each currency's net worth.
     */
    private static Allocation allocation(String base, List<Views.MoneyView> netWorth,
            List<Views.HoldingView> holdings, ExchangeRates.RateTable table, LocalDate today) {
        Set<String> unconverted = new java.util.TreeSet<>();
        Map<String, BigDecimal> byCurrency = new LinkedHashMap<>();
        for (var t : netWorth) {
            var rate = table.rate(t.currency(), base, today);
            if (rate.isEmpty()) {
                unconverted.add(t.currency());
            } else {
                byCurrency.merge(t.currency(), new BigDecimal(t.amount()).multiply(rate.get().value()),
                        BigDecimal::add);
            }
        }
        Map<String, BigDecimal> bySymbol = new LinkedHashMap<>();
        BigDecimal held = BigDecimal.ZERO;
        for (var h : holdings) {
            if (h.marketValue() == null) {
                continue;
            }
            var rate = table.rate(h.marketValue().currency(), base, today);
            if (rate.isEmpty()) {
                unconverted.add(h.marketValue().currency());
                continue;
            }
            BigDecimal v = new BigDecimal(h.marketValue().amount()).multiply(rate.get().value());
            String label = h.symbol() != null ? h.symbol() : h.description() != null ? h.description() : "Unnamed";
            bySymbol.merge(label, v, BigDecimal::add);
            held = held.add(v);
        }
        List<Map.Entry<String, BigDecimal>> sorted = new ArrayList<>(bySymbol.entrySet());
        sorted.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, BigDecimal> slices = new LinkedHashMap<>();
        BigDecimal other = BigDecimal.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < TOP_HOLDINGS) {
                slices.put(sorted.get(i).getKey(), sorted.get(i).getValue());
            } else {
                other = other.add(sorted.get(i).getValue());
            }
        }
        if (sorted.size() > TOP_HOLDINGS) {
            slices.put("Other holdings (" + (sorted.size() - TOP_HOLDINGS) + ")", other);
        }
        BigDecimal total = byCurrency.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cash = total.subtract(held);
        if (cash.signum() != 0) {
            slices.put("Cash and other", cash);
        }
        return new Allocation(base, slices(slices), slices(byCurrency), List.copyOf(unconverted));
    }

    private static List<Slice> slices(Map<String, BigDecimal> values) {
        BigDecimal positive = values.values().stream().filter(v -> v.signum() > 0).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        List<Slice> out = new ArrayList<>();
        values.forEach((label, v) -> out.add(new Slice(label, Performance.plain(v),
                v.signum() > 0 && positive.signum() > 0
                        ? v.multiply(BigDecimal.valueOf(100)).divide(positive, MathContext.DECIMAL64)
                                .setScale(1, RoundingMode.HALF_EVEN).toPlainString()
                        : null)));
        return out;
    }
}
