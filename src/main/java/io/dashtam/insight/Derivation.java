package io.dashtam.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives one account's value at the end of every day from its oldest stored transaction to today: cash walked
 * back from the latest reported balance through each day's transactions (and forward after it), positions walked
 * back from the current holdings through trades, transfers and splits, each day valued with that day's close (the
 * latest close at most {@link #STALE_DAYS} days old: weekends and holidays). A day lacking a close for a held
 * symbol is never guessed: it carries the previous day's value forward, marked, naming the symbols; a day with no
 * earlier value is left out (a gap). Days with a reported balance take it as it is: reported always wins.
 * Pure: all inputs are given; exact BigDecimal throughout.
 */
final class Derivation {

    static final int STALE_DAYS = 7;

    /** The latest reported balance (the anchor), and every reported day. */
    record Snapshot(LocalDate day, BigDecimal balance, BigDecimal cash) {
    }

    record Tx(LocalDate day, String type, String symbol, BigDecimal quantity, BigDecimal amount) {
    }

    /** Closes per symbol (ascending by day). */
    interface Closes {
        Optional<BigDecimal> on(String symbol, LocalDate day);
    }

    record Input(LocalDate today, List<Snapshot> snapshots, List<Tx> transactions, Map<String, BigDecimal> holdings,
            BigDecimal holdingsValue) {
    }

    enum Kind { REPORTED, DERIVED, CARRIED }

    record DayValue(LocalDate day, BigDecimal value, BigDecimal flows, BigDecimal income, BigDecimal fees, Kind kind,
            String missingSymbols) {
    }

    private Derivation() {
    }

    static List<DayValue> derive(Input in, Closes closes) {
        TreeMap<LocalDate, Snapshot> reported = new TreeMap<>();
        in.snapshots().forEach(s -> reported.put(s.day(), s));
        TreeMap<LocalDate, List<Tx>> byDay = new TreeMap<>();
        in.transactions().forEach(t -> byDay.computeIfAbsent(t.day(), d -> new ArrayList<>()).add(t));
        if (byDay.isEmpty() && reported.isEmpty()) {
            return List.of();
        }
        LocalDate first = min(byDay.isEmpty() ? null : byDay.firstKey().minusDays(1),
                reported.isEmpty() ? null : reported.firstKey());
        LocalDate last = max(in.today(), max(byDay.isEmpty() ? null : byDay.lastKey(),
                reported.isEmpty() ? null : reported.lastKey()));
        boolean investment = !in.holdings().isEmpty() || in.transactions().stream()
                .anyMatch(t -> FlowKind.of(t.type()).movesShares() && t.symbol() != null && t.quantity() != null);
        Snapshot anchor = reported.isEmpty() ? null : reported.lastEntry().getValue();
        LocalDate anchorDay = anchor == null ? last : anchor.day();
        BigDecimal anchorCash = anchor == null ? null
                : investment ? (anchor.cash() != null ? anchor.cash() : anchor.balance().subtract(in.holdingsValue()))
                : anchor.balance();

        int n = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        BigDecimal[] cash = new BigDecimal[n];
        List<Map<String, BigDecimal>> positions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            positions.add(null);
        }
        int a = (int) (anchorDay.toEpochDay() - first.toEpochDay());
        if (anchorCash == null) {
            // No reported balance (a CSV without one): the account held nothing before its first transaction.
            a = 0;
            anchorCash = BigDecimal.ZERO;
            positions.set(0, new HashMap<>());
        } else {
            positions.set(a, new HashMap<>(in.holdings()));
        }
        cash[a] = anchorCash;
        for (int i = a; i > 0; i--) {
            // The end of day i-1 is the end of day i without day i's transactions.
            LocalDate day = first.plusDays(i);
            Map<String, BigDecimal> pos = new HashMap<>(positions.get(i));
            BigDecimal c = cash[i];
            for (Tx t : byDay.getOrDefault(day, List.of())) {
                c = c.subtract(t.amount());
                shares(t).ifPresent(s -> pos.merge(t.symbol(), s.negate(), BigDecimal::add));
            }
            cash[i - 1] = c;
            positions.set(i - 1, pos);
        }
        for (int i = a + 1; i < n; i++) {
            LocalDate day = first.plusDays(i);
            Map<String, BigDecimal> pos = new HashMap<>(positions.get(i - 1));
            BigDecimal c = cash[i - 1];
            for (Tx t : byDay.getOrDefault(day, List.of())) {
                c = c.add(t.amount());
                shares(t).ifPresent(s -> pos.merge(t.symbol(), s, BigDecimal::add));
            }
            cash[i] = c;
            positions.set(i, pos);
        }

        List<DayValue> out = new ArrayList<>(n);
        DayValue previous = null;
        for (int i = 0; i < n; i++) {
            LocalDate day = first.plusDays(i);
            BigDecimal flows = BigDecimal.ZERO;
            BigDecimal income = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            TreeSet<String> missing = new TreeSet<>();
            for (Tx t : byDay.getOrDefault(day, List.of())) {
                switch (FlowKind.of(t.type())) {
                    case EXTERNAL -> flows = flows.add(t.amount());
                    case INCOME -> income = income.add(t.amount());
                    case FEE -> fees = fees.add(t.amount().negate());
                    case SECURITY_TRANSFER -> {
                        flows = flows.add(t.amount());
                        Optional<BigDecimal> s = shares(t);
                        if (s.isPresent()) {
                            Optional<BigDecimal> price = closes.on(t.symbol(), day);
                            if (price.isPresent()) {
                                flows = flows.add(s.get().multiply(price.get()));
                            } else {
                                missing.add(t.symbol());
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            BigDecimal value = cash[i];
            if (investment) {
                for (var p : new TreeMap<>(positions.get(i)).entrySet()) {
                    if (p.getValue().signum() == 0) {
                        continue;
                    }
                    Optional<BigDecimal> price = closes.on(p.getKey(), day);
                    if (price.isPresent()) {
                        value = value.add(p.getValue().multiply(price.get()));
                    } else {
                        missing.add(p.getKey());
                    }
                }
            }
            Snapshot s = reported.get(day);
            DayValue v;
            if (s != null) {
                v = new DayValue(day, s.balance(), flows, income, fees, Kind.REPORTED, null);
            } else if (missing.isEmpty()) {
                v = new DayValue(day, value, flows, income, fees, Kind.DERIVED, null);
            } else if (previous != null) {
                // Carried forward: the value of the day before plus what came in or went out today.
                v = new DayValue(day, previous.value().add(flows), flows, income, fees, Kind.CARRIED,
                        String.join(",", missing));
            } else {
                continue;
            }
            v = new DayValue(v.day(), money(v.value()), money(v.flows()), money(v.income()), money(v.fees()),
                    v.kind(), v.missingSymbols());
            out.add(v);
            previous = v;
        }
        return out;
    }

    /** Shares the transaction adds to its symbol's position (negative: removes), if it moves shares. */
    static Optional<BigDecimal> shares(Tx t) {
        FlowKind kind = FlowKind.of(t.type());
        if (!kind.movesShares() || t.symbol() == null || t.quantity() == null) {
            return Optional.empty();
        }
        if (kind == FlowKind.TRADE && t.amount().signum() != 0) {
            // Buying costs cash, selling brings it: the sign of the cash says which way the shares went, whatever
            // sign the provider gave the quantity.
            return Optional.of(t.amount().signum() < 0 ? t.quantity().abs() : t.quantity().abs().negate());
        }
        return Optional.of(t.quantity());
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_EVEN);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /** Closes from a sorted map per symbol: the latest on or before the day, at most STALE_DAYS old. */
    static Closes of(Map<String, NavigableMap<LocalDate, BigDecimal>> table) {
        return (symbol, day) -> {
            NavigableMap<LocalDate, BigDecimal> series = table.get(symbol);
            if (series == null) {
                return Optional.empty();
            }
            var e = series.floorEntry(day);
            return e == null || e.getKey().isBefore(day.minusDays(STALE_DAYS)) ? Optional.empty()
                    : Optional.of(e.getValue());
        };
    }
}
