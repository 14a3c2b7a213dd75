package io.dashtam.insight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time- and money-weighted returns over a series of end-of-day values and the external flows of each day.
 * Flows happen at the day's boundary (start of the day): a day's return is {@code V_d / (V_{d-1} + F_d) - 1}, so a
 * deposit alone changes no return, and the first deposit into an empty account is a base, not a gain. TWR links the
 * daily returns in BigDecimal; MWR is the XIRR of the flows (double precision, as a solver needs), annualised only
 * for periods over a year. Both are rounded to basis points; a result that cannot be had says why instead.
 */
final class Returns {

    static final MathContext MC = MathContext.DECIMAL64;

    private Returns() {
    }

    /** One day: the value at its end and the external flows at its start (deposits positive). */
    record Day(LocalDate date, BigDecimal value, BigDecimal flow) {
    }

    /** A return rounded to basis points, or the reason there is none. */
    record Rate(BigDecimal value, String problem, boolean annualised) {
        static Rate of(BigDecimal value, boolean annualised) {
            return new Rate(value.setScale(4, RoundingMode.HALF_EVEN), null, annualised);
        }

        static Rate failed(String problem) {
            return new Rate(null, problem, false);
        }
    }

    /**
     * Daily-linked TWR over {@code days} (the first day is the start: its value is the base, its flow ignored).
     * A day whose base ({@code V_{d-1} + F_d}) is zero while nothing is held is skipped (no capital, no return); a
     * base at or below zero with a value is a return that cannot be measured.
     */
    static Rate timeWeighted(List<Day> days) {
        if (days.size() < 2) {
            return Rate.failed("fewer than two days of values in the period");
        }
        BigDecimal growth = BigDecimal.ONE;
        for (int i = 1; i < days.size(); i++) {
            Day d = days.get(i);
            BigDecimal base = days.get(i - 1).value().add(d.flow());
            if (base.signum() == 0 && d.value().signum() == 0) {
                continue;
            }
            if (base.signum() <= 0) {
                return Rate.failed("the value before " + d.date() + " was zero or negative, so a time-weighted return"
                        + " cannot be measured across it");
            }
            growth = growth.multiply(d.value().divide(base, MC), MC);
        }
        return Rate.of(growth.subtract(BigDecimal.ONE), false);
    }

    /**
     * Money-weighted return: the rate at which the start value and each day's flow (paid in) grow to the end value.
     * Annualised (XIRR) only when the period is longer than a year, else the period's return.
     */
    static Rate moneyWeighted(List<Day> days) {
        if (days.size() < 2) {
            return Rate.failed("fewer than two days of values in the period");
        }
        LocalDate start = days.get(0).date();
        List<Xirr.Flow> flows = new ArrayList<>();
        // The investor's view: money paid in is negative, what is held at the end positive.
        flows.add(new Xirr.Flow(start, days.get(0).value().negate()));
        for (int i = 1; i < days.size(); i++) {
            if (days.get(i).flow().signum() != 0) {
                flows.add(new Xirr.Flow(days.get(i).date(), days.get(i).flow().negate()));
            }
        }
        LocalDate end = days.get(days.size() - 1).date();
        flows.add(new Xirr.Flow(end, days.get(days.size() - 1).value()));
        Optional<Double> annual = Xirr.solve(flows);
        if (annual.isEmpty()) {
            return Rate.failed("the money-weighted return has no solution for these flows (the solver did not"
                    + " converge)");
        }
        long span = ChronoUnit.DAYS.between(start, end);
        if (span > 365) {
            return Rate.of(new BigDecimal(annual.get()), true);
        }
        double period = Math.pow(1 + annual.get(), span / 365.0) - 1;
        if (!Double.isFinite(period)) {
            return Rate.failed("the money-weighted return is not a finite number");
        }
        return Rate.of(new BigDecimal(period), false);
    }

    static long spanDays(List<Day> days) {
        return days.isEmpty() ? 0 : ChronoUnit.DAYS.between(days.get(0).date(), days.get(days.size() - 1).date());
    }
}
