package io.dashtam.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The history derivation with known answers (cash walked back and forward from the balance, positions through
 * trades, splits and transfers, reported days, missing and stale prices), and against a reference that recomputes
 * every day from scratch over random accounts (exactness of the walk).
 */
class DerivationTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 30);

    private static LocalDate ago(int days) {
        return TODAY.minusDays(days);
    }

    private static Derivation.Tx tx(int daysAgo, String type, String symbol, String quantity, String amount) {
        return new Derivation.Tx(ago(daysAgo), type, symbol, quantity == null ? null : new BigDecimal(quantity),
                new BigDecimal(amount));
    }

    private static Map<LocalDate, Derivation.DayValue> byDay(List<Derivation.DayValue> days) {
        Map<LocalDate, Derivation.DayValue> out = new HashMap<>();
        days.forEach(d -> out.put(d.day(), d));
        return out;
    }

    private static Derivation.Closes flat(Map<String, String> closes) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> table = new HashMap<>();
        closes.forEach((symbol, close) -> {
            TreeMap<LocalDate, BigDecimal> series = new TreeMap<>();
            for (int i = 0; i <= 60; i++) {
                series.put(ago(i), new BigDecimal(close).add(BigDecimal.valueOf(i)));
            }
            table.put(symbol, series);
        });
        return Derivation.of(table);
    }

    @Test
    void cashIsWalkedBackFromTheBalanceThroughEachDaysTransactions() {
        var in = new Derivation.Input(TODAY, List.of(new Derivation.Snapshot(TODAY, new BigDecimal("1000"), null)),
                List.of(tx(10, "ACH_RECEIPT", null, null, "500"), tx(5, "ACH_DISBURSEMENT", null, null, "-200"),
                        tx(5, "DIVIDEND_OR_INTEREST", null, null, "3.21"), tx(4, "FEE", null, null, "-1.50")),
                Map.of(), BigDecimal.ZERO);
        var days = byDay(Derivation.derive(in, flat(Map.of())));
        assertThat(days).hasSize(12);
        assertThat(days.get(ago(11)).value()).isEqualByComparingTo("698.29");
        assertThat(days.get(ago(10)).value()).isEqualByComparingTo("1198.29");
        assertThat(days.get(ago(10)).flows()).isEqualByComparingTo("500");
        assertThat(days.get(ago(5)).value()).isEqualByComparingTo("1001.50");
        assertThat(days.get(ago(5)).flows()).isEqualByComparingTo("-200");
        assertThat(days.get(ago(5)).income()).isEqualByComparingTo("3.21");
        assertThat(days.get(ago(4)).fees()).isEqualByComparingTo("1.50");
        assertThat(days.get(ago(1)).value()).isEqualByComparingTo("1000");
        assertThat(days.get(ago(1)).kind()).isEqualTo(Derivation.Kind.DERIVED);
        assertThat(days.get(TODAY).kind()).isEqualTo(Derivation.Kind.REPORTED);
    }

    @Test
    void withoutABalanceTheAccountHeldNothingBeforeItsFirstTransaction() {
        var in = new Derivation.Input(TODAY, List.of(), List.of(tx(3, "DEBIT", null, null, "-12.50"),
                tx(1, "CREDIT", null, null, "100")), Map.of(), BigDecimal.ZERO);
        var days = byDay(Derivation.derive(in, flat(Map.of())));
        assertThat(days.get(ago(4)).value()).isEqualByComparingTo("0");
        assertThat(days.get(ago(3)).value()).isEqualByComparingTo("-12.50");
        assertThat(days.get(TODAY).value()).isEqualByComparingTo("87.50");
        assertThat(days.values()).allSatisfy(d -> assertThat(d.kind()).isEqualTo(Derivation.Kind.DERIVED));
    }

    @Test
    void positionsAreWalkedThroughTradesSplitsAndTransfersAndValuedAtEachDaysClose() {
        // Now: 20 AAPL (after a 2:1 split 2 days ago), 5 MSFT received 8 days ago, 4 AAPL bought 6 days ago.
        var in = new Derivation.Input(TODAY, List.of(new Derivation.Snapshot(TODAY, new BigDecimal("99999"),
                new BigDecimal("500"))), List.of(tx(6, "TRADE", "AAPL", "4", "-400"),
                        tx(2, "SPLIT", "AAPL", "10", "0"), tx(8, "RECEIVE_AND_DELIVER", "MSFT", "5", "0"),
                        tx(7, "TRADE", "MSFT", "-1", "30")),
                Map.of("AAPL", new BigDecimal("20"), "MSFT", new BigDecimal("4")), new BigDecimal("0"));
        // AAPL closes 100 + days ago, MSFT 30 + days ago.
        var days = byDay(Derivation.derive(in, flat(Map.of("AAPL", "100", "MSFT", "30"))));
        // 9 days ago: 6 AAPL, no MSFT; cash 500 + 400 - 30 = 870.
        assertThat(days.get(ago(9)).value()).isEqualByComparingTo(new BigDecimal("870").add(
                new BigDecimal("6").multiply(new BigDecimal("109"))));
        // 8 days ago: 5 MSFT arrive: a flow worth 5 x that day's close.
        assertThat(days.get(ago(8)).flows()).isEqualByComparingTo("190");
        assertThat(days.get(ago(8)).value()).isEqualByComparingTo("1708");
        // 7 days ago: sold 1 MSFT for 30 (a positive quantity would be read the same way).
        assertThat(days.get(ago(7)).value()).isEqualByComparingTo(new BigDecimal("900").add(new BigDecimal("642"))
                .add(new BigDecimal("148")));
        // 3 days ago: 10 AAPL; 2 days ago 20 after the split, no flow.
        assertThat(days.get(ago(3)).value()).isEqualByComparingTo(new BigDecimal("500").add(new BigDecimal("1030"))
                .add(new BigDecimal("132")));
        assertThat(days.get(ago(2)).value()).isEqualByComparingTo(new BigDecimal("500").add(new BigDecimal("2040"))
                .add(new BigDecimal("128")));
        assertThat(days.get(ago(2)).flows()).isEqualByComparingTo("0");
        assertThat(days.get(TODAY).value()).as("reported wins").isEqualByComparingTo("99999");
    }

    @Test
    void aMissingOrStalePriceCarriesTheValueForwardMarkedAndNeverGuesses() {
        TreeMap<LocalDate, BigDecimal> vti = new TreeMap<>();
        vti.put(ago(20), new BigDecimal("200"));
        vti.put(ago(10), new BigDecimal("210"));
        // 5,000 deposited, 20 VTI bought for 4,000 before VTI has any close, 0.50 and 0.25 paid in later.
        var in = new Derivation.Input(TODAY, List.of(new Derivation.Snapshot(TODAY, new BigDecimal("5000.75"),
                new BigDecimal("1000.75"))), List.of(tx(25, "ACH_RECEIPT", null, null, "5000"),
                        tx(22, "TRADE", "VTI", "20", "-4000"), tx(5, "ACH_RECEIPT", null, null, "0.50"),
                        tx(2, "ACH_RECEIPT", null, null, "0.25")),
                Map.of("VTI", new BigDecimal("20")), new BigDecimal("4000"));
        var days = byDay(Derivation.derive(in, Derivation.of(Map.of("VTI", vti))));
        assertThat(days.get(ago(26)).value()).isEqualByComparingTo("0");
        assertThat(days.get(ago(25)).value()).isEqualByComparingTo("5000");
        assertThat(days.get(ago(22)).kind()).as("no close on or before the day").isEqualTo(Derivation.Kind.CARRIED);
        assertThat(days.get(ago(22)).value()).isEqualByComparingTo("5000");
        assertThat(days.get(ago(22)).missingSymbols()).isEqualTo("VTI");
        assertThat(days.get(ago(20)).kind()).isEqualTo(Derivation.Kind.DERIVED);
        assertThat(days.get(ago(20)).value()).isEqualByComparingTo("5000");
        assertThat(days.get(ago(13)).kind()).as("a 7-day-old close still counts").isEqualTo(Derivation.Kind.DERIVED);
        assertThat(days.get(ago(12)).kind()).as("8 days old: stale").isEqualTo(Derivation.Kind.CARRIED);
        assertThat(days.get(ago(10)).value()).isEqualByComparingTo("5200");
        assertThat(days.get(ago(5)).value()).isEqualByComparingTo("5200.50");
        assertThat(days.get(ago(3)).kind()).isEqualTo(Derivation.Kind.DERIVED);
        assertThat(days.get(ago(2)).kind()).isEqualTo(Derivation.Kind.CARRIED);
        assertThat(days.get(ago(2)).value()).as("carried plus the day's flow").isEqualByComparingTo("5200.75");
        assertThat(days.get(ago(1)).value()).isEqualByComparingTo("5200.75");
        assertThat(days.get(TODAY).kind()).isEqualTo(Derivation.Kind.REPORTED);

        // No value before the first day lacking a price: a gap until a reported day, not a guess.
        var gap = new Derivation.Input(TODAY, List.of(new Derivation.Snapshot(TODAY, new BigDecimal("150"),
                new BigDecimal("100"))), List.of(tx(3, "ACH_RECEIPT", null, null, "50")),
                Map.of("XYZ", BigDecimal.TEN), new BigDecimal("50"));
        assertThat(byDay(Derivation.derive(gap, Derivation.of(Map.of())))).containsOnlyKeys(TODAY);
    }

    @Test
    void theWalkEqualsARecomputationOfEveryDayFromScratch() {
        Random random = new Random(27);
        String[] types = {"TRADE", "TRADE", "TRADE", "DIVIDEND_OR_INTEREST", "ACH_RECEIPT", "ACH_DISBURSEMENT",
                "JOURNAL", "RECEIVE_AND_DELIVER", "SPLIT", "FEE", "MONEY_MARKET"};
        for (int round = 0; round < 200; round++) {
            int span = 5 + random.nextInt(120);
            int symbols = random.nextInt(6);
            Map<String, NavigableMap<LocalDate, BigDecimal>> closes = new HashMap<>();
            for (int s = 0; s < symbols; s++) {
                TreeMap<LocalDate, BigDecimal> series = new TreeMap<>();
                for (int d = 0; d <= span + 10; d++) {
                    if (random.nextInt(10) < 7) {
                        series.put(ago(d), BigDecimal.valueOf(1 + random.nextInt(50000), 2));
                    }
                }
                closes.put("S" + s, series);
            }
            List<Derivation.Tx> txs = new ArrayList<>();
            for (int i = random.nextInt(60); i > 0; i--) {
                String type = types[random.nextInt(types.length)];
                boolean moves = symbols > 0 && FlowKind.of(type).movesShares();
                txs.add(new Derivation.Tx(ago(random.nextInt(span)), type, moves ? "S" + random.nextInt(symbols)
                        : null, moves ? BigDecimal.valueOf(random.nextInt(2001) - 1000, 1) : null,
                        BigDecimal.valueOf(random.nextInt(200001) - 100000, 2)));
            }
            Map<String, BigDecimal> holdings = new HashMap<>();
            for (int s = 0; s < symbols; s++) {
                if (random.nextBoolean()) {
                    holdings.put("S" + s, BigDecimal.valueOf(random.nextInt(1000)));
                }
            }
            List<Derivation.Snapshot> snapshots = new ArrayList<>();
            if (random.nextInt(5) > 0) {
                int at = random.nextInt(span);
                snapshots.add(new Derivation.Snapshot(ago(at), BigDecimal.valueOf(random.nextInt(1000000), 2),
                        random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(100000), 2) : null));
                if (random.nextBoolean()) {
                    snapshots.add(0, new Derivation.Snapshot(ago(at + 1 + random.nextInt(5)),
                            BigDecimal.valueOf(random.nextInt(1000000), 2), null));
                }
            }
            var in = new Derivation.Input(TODAY, snapshots, txs, holdings, BigDecimal.valueOf(random.nextInt(50000)));
            var table = Derivation.of(closes);
            assertThat(Derivation.derive(in, table)).as("round " + round).isEqualTo(reference(in, table));
        }
    }

    /** Each day on its own: cash and positions summed from the anchor, valued, then reported and carried days. */
    private static List<Derivation.DayValue> reference(Derivation.Input in, Derivation.Closes closes) {
        TreeMap<LocalDate, Derivation.Snapshot> reported = new TreeMap<>();
        in.snapshots().forEach(s -> reported.put(s.day(), s));
        if (in.transactions().isEmpty() && reported.isEmpty()) {
            return List.of();
        }
        LocalDate first = null;
        LocalDate last = in.today();
        for (var t : in.transactions()) {
            first = first == null || t.day().minusDays(1).isBefore(first) ? t.day().minusDays(1) : first;
            last = t.day().isAfter(last) ? t.day() : last;
        }
        if (!reported.isEmpty()) {
            first = first == null || reported.firstKey().isBefore(first) ? reported.firstKey() : first;
            last = reported.lastKey().isAfter(last) ? reported.lastKey() : last;
        }
        boolean investment = !in.holdings().isEmpty() || in.transactions().stream()
                .anyMatch(t -> FlowKind.of(t.type()).movesShares() && t.symbol() != null && t.quantity() != null);
        var anchor = reported.isEmpty() ? null : reported.lastEntry().getValue();
        LocalDate anchorDay = anchor == null ? first : anchor.day();
        BigDecimal anchorCash = anchor == null ? BigDecimal.ZERO : investment
                ? (anchor.cash() != null ? anchor.cash() : anchor.balance().subtract(in.holdingsValue()))
                : anchor.balance();
        Map<String, BigDecimal> anchorPositions = anchor == null ? Map.of() : in.holdings();
        List<Derivation.DayValue> out = new ArrayList<>();
        Derivation.DayValue previous = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            BigDecimal cash = anchorCash;
            Map<String, BigDecimal> pos = new HashMap<>(anchorPositions);
            for (var t : in.transactions()) {
                int sign = day.isBefore(anchorDay) && !t.day().isAfter(anchorDay) && t.day().isAfter(day) ? -1
                        : !day.isBefore(anchorDay) && t.day().isAfter(anchorDay) && !t.day().isAfter(day) ? 1 : 0;
                if (sign != 0) {
                    cash = cash.add(t.amount().multiply(BigDecimal.valueOf(sign)));
                    var s = Derivation.shares(t);
                    if (s.isPresent()) {
                        pos.merge(t.symbol(), s.get().multiply(BigDecimal.valueOf(sign)), BigDecimal::add);
                    }
                }
            }
            BigDecimal flows = BigDecimal.ZERO;
            BigDecimal income = BigDecimal.ZERO;
            BigDecimal fees = BigDecimal.ZERO;
            TreeSet<String> missing = new TreeSet<>();
            for (var t : in.transactions()) {
                if (!t.day().equals(day)) {
                    continue;
                }
                switch (FlowKind.of(t.type())) {
                    case EXTERNAL -> flows = flows.add(t.amount());
                    case INCOME -> income = income.add(t.amount());
                    case FEE -> fees = fees.add(t.amount().negate());
                    case SECURITY_TRANSFER -> {
                        flows = flows.add(t.amount());
                        var s = Derivation.shares(t);
                        if (s.isPresent()) {
                            var price = closes.on(t.symbol(), day);
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
            BigDecimal value = cash;
            if (investment) {
                for (var p : pos.entrySet()) {
                    if (p.getValue().signum() != 0) {
                        var price = closes.on(p.getKey(), day);
                        if (price.isPresent()) {
                            value = value.add(p.getValue().multiply(price.get()));
                        } else {
                            missing.add(p.getKey());
                        }
                    }
                }
            }
            var s = reported.get(day);
            Derivation.DayValue v;
            if (s != null) {
                v = new Derivation.DayValue(day, s.balance(), flows, income, fees, Derivation.Kind.REPORTED, null);
            } else if (missing.isEmpty()) {
                v = new Derivation.DayValue(day, value, flows, income, fees, Derivation.Kind.DERIVED, null);
            } else if (previous != null) {
                v = new Derivation.DayValue(day, previous.value().add(flows), flows, income, fees,
                        Derivation.Kind.CARRIED, String.join(",", missing));
            } else {
                continue;
            }
            v = new Derivation.DayValue(day, Derivation.money(v.value()), Derivation.money(v.flows()),
                    Derivation.money(v.income()), Derivation.money(v.fees()), v.kind(), v.missingSymbols());
            out.add(v);
            previous = v;
        }
        return out;
    }
}
