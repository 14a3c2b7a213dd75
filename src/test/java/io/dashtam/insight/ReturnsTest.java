package io.dashtam.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReturnsTest {

    private static Returns.Day day(String date, String value, String flow) {
        return new Returns.Day(LocalDate.parse(date), new BigDecimal(value), new BigDecimal(flow));
    }

    /**
     * Investopedia, "Time-Weighted Rate of Return (TWR)" (investopedia.com/terms/t/time-weightedror.asp): $1,000,000
     * on December 31, $1,162,484 on August 15 when $100,000 is added (after that day's close: here the start of
     * August 16, whose value is unchanged), $1,192,328 at year end: 16.25 %, then -5.56 %, linked 9.79 %.
     */
    @Test
    void investopediaTimeWeightedExample() {
        var days = List.of(day("2020-12-31", "1000000", "0"), day("2021-08-15", "1162484", "0"),
                day("2021-08-16", "1262484", "100000"), day("2021-12-31", "1192328", "0"));
        assertThat(Returns.timeWeighted(days).value()).isEqualByComparingTo("0.0979");
    }

    /**
     * A textbook exercise with a withdrawal ("Wally invests 5800 dollars in a mutual fund on January 1", solved at
     * homeworksource.com/p/1132141): 5800, 4000 before +1400, 7900 before -1500, 7500 at year end: -31.034 %,
     * +46.30 %, +17.19 %, linked 18.24 %.
     */
    @Test
    void withdrawalTextbookExample() {
        var days = List.of(day("2021-01-01", "5800", "0"), day("2021-05-31", "4000", "0"),
                day("2021-06-01", "5400", "1400"), day("2021-08-31", "7900", "0"),
                day("2021-09-01", "6400", "-1500"), day("2022-01-01", "7500", "0"));
        assertThat(Returns.timeWeighted(days).value()).isEqualByComparingTo("0.1824");
    }

    /**
     * Microsoft's documentation of Excel's XIRR function (support.microsoft.com, "XIRR function"): -10,000 on
     * 2008-01-01, 2,750 on 2008-03-01, 4,250 on 2008-10-30, 3,250 on 2009-02-15, 2,750 on 2009-04-01 give
     * 0.373362535 (37.34 %).
     */
    @Test
    void excelXirrExample() {
        var flows = List.of(new Xirr.Flow(LocalDate.parse("2008-01-01"), new BigDecimal("-10000")),
                new Xirr.Flow(LocalDate.parse("2008-03-01"), new BigDecimal("2750")),
                new Xirr.Flow(LocalDate.parse("2008-10-30"), new BigDecimal("4250")),
                new Xirr.Flow(LocalDate.parse("2009-02-15"), new BigDecimal("3250")),
                new Xirr.Flow(LocalDate.parse("2009-04-01"), new BigDecimal("2750")));
        assertThat(Xirr.solve(flows)).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.373362535,
                org.assertj.core.data.Offset.offset(1e-8)));
    }

    /** The same flows as an account's history (more than a year): the MWR is that XIRR, annualised. */
    @Test
    void moneyWeightedOverAYearIsTheAnnualisedXirr() {
        // Paid out to the investor = withdrawals (negative flows) from the account; the last value is what is left.
        var days = List.of(day("2008-01-01", "10000", "0"), day("2008-03-01", "0", "-2750"),
                day("2008-10-30", "0", "-4250"), day("2009-02-15", "0", "-3250"), day("2009-04-01", "2750", "0"));
        var mwr = Returns.moneyWeighted(days);
        assertThat(mwr.annualised()).isTrue();
        assertThat(mwr.value()).isEqualByComparingTo("0.3734");
    }

    @Test
    void noSolutionIsReportedNotHidden() {
        // Everything lost and nothing paid in after the start: no rate makes these flows balance.
        var days = List.of(day("2021-01-01", "0", "0"), day("2021-02-01", "100", "0"));
        var mwr = Returns.moneyWeighted(days);
        assertThat(mwr.value()).isNull();
        assertThat(mwr.problem()).contains("no solution");
        assertThat(Returns.timeWeighted(List.of(day("2021-01-01", "100", "0"))).problem()).contains("fewer");
    }

    @Test
    void aNegativeBaseIsReportedNotANumber() {
        var days = List.of(day("2021-01-01", "-50", "0"), day("2021-01-02", "10", "0"));
        assertThat(Returns.timeWeighted(days).problem()).contains("zero or negative");
    }

    /** Property: with no flows, TWR and MWR are the same period return (a year or less: neither annualised). */
    @Test
    void withoutFlowsTimeAndMoneyWeightedAgree() {
        Random random = new Random(27);
        for (int run = 0; run < 300; run++) {
            List<Returns.Day> days = walk(random, 2 + random.nextInt(365), false);
            var twr = Returns.timeWeighted(days);
            var mwr = Returns.moneyWeighted(days);
            assertThat(mwr.problem()).isNull();
            assertThat(mwr.annualised()).isFalse();
            assertThat(twr.value().subtract(mwr.value()).abs()).as("run %d", run)
                    .isLessThanOrEqualTo(new BigDecimal("0.0001"));
        }
    }

    /** Property: a day on which only a deposit (or withdrawal) happens never changes the TWR. */
    @Test
    void aDepositAloneNeverChangesTheTimeWeightedReturn() {
        Random random = new Random(2727);
        for (int run = 0; run < 300; run++) {
            List<Returns.Day> days = walk(random, 3 + random.nextInt(300), false);
            BigDecimal before = Returns.timeWeighted(days).value();
            int at = 1 + random.nextInt(days.size() - 1);
            Returns.Day prior = days.get(at - 1);
            BigDecimal deposit = BigDecimal.valueOf(random.nextInt(1_000_000) - 100_000L, 2);
            if (prior.value().add(deposit).signum() <= 0) {
                continue;
            }
            List<Returns.Day> with = new ArrayList<>(days.subList(0, at));
            // The deposit day: nothing else moves, so its value is the day before plus the deposit.
            with.add(new Returns.Day(prior.date().plusDays(0).plusDays(0), prior.value().add(deposit), deposit));
            for (Returns.Day d : days.subList(at, days.size())) {
                // Every later value holds the deposit too, grown as the holdings grew.
                BigDecimal factor = prior.value().add(deposit).divide(prior.value(), Returns.MC);
                with.add(new Returns.Day(d.date().plusDays(1), d.value().multiply(factor, Returns.MC),
                        d.flow().multiply(factor, Returns.MC)));
            }
            fixDates(with);
            assertThat(Returns.timeWeighted(with).value()).as("run %d", run).isEqualByComparingTo(before);
        }
    }

    private static void fixDates(List<Returns.Day> days) {
        LocalDate start = days.get(0).date();
        for (int i = 0; i < days.size(); i++) {
            Returns.Day d = days.get(i);
            days.set(i, new Returns.Day(start.plusDays(i), d.value(), d.flow()));
        }
    }

    private static List<Returns.Day> walk(Random random, int n, boolean flows) {
        List<Returns.Day> days = new ArrayList<>();
        BigDecimal value = BigDecimal.valueOf(1000 + random.nextInt(100_000));
        LocalDate start = LocalDate.of(2020, 1, 1);
        days.add(new Returns.Day(start, value, BigDecimal.ZERO));
        for (int i = 1; i < n; i++) {
            double move = 1 + (random.nextGaussian() * 0.02);
            value = value.multiply(BigDecimal.valueOf(move)).setScale(4, java.math.RoundingMode.HALF_EVEN);
            days.add(new Returns.Day(start.plusDays(i), value, BigDecimal.ZERO));
        }
        return days;
    }
}
