package io.dashtam.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * XIRR as spreadsheets define it: the annual rate r with {@code sum(cf_i / (1 + r)^((d_i - d_0) / 365)) = 0}.
 * Newton's method from 10 %, then bisection over (-99.9999 %, 1e6 %) when Newton leaves the domain or stalls.
 * Double precision is enough for a rate rounded to basis points; empty when there is no sign change (no root) or
 * no convergence, never NaN or infinity.
 */
final class Xirr {

    record Flow(LocalDate date, BigDecimal amount) {
    }

    private static final double TOLERANCE = 1e-10;

    private Xirr() {
    }

    static Optional<Double> solve(List<Flow> flows) {
        if (flows.size() < 2) {
            return Optional.empty();
        }
        LocalDate first = flows.stream().map(Flow::date).min(LocalDate::compareTo).orElseThrow();
        double[] t = new double[flows.size()];
        double[] cf = new double[flows.size()];
        boolean positive = false;
        boolean negative = false;
        for (int i = 0; i < flows.size(); i++) {
            t[i] = ChronoUnit.DAYS.between(first, flows.get(i).date()) / 365.0;
            cf[i] = flows.get(i).amount().doubleValue();
            positive |= cf[i] > 0;
            negative |= cf[i] < 0;
        }
        if (!positive || !negative) {
            return Optional.empty();
        }
        double r = 0.1;
        for (int i = 0; i < 100; i++) {
            double f = npv(t, cf, r);
            double d = derivative(t, cf, r);
            if (!Double.isFinite(f) || !Double.isFinite(d) || d == 0) {
                break;
            }
            double next = r - f / d;
            if (!Double.isFinite(next) || next <= -1) {
                break;
            }
            if (Math.abs(next - r) < TOLERANCE) {
                return Math.abs(npv(t, cf, next)) < 1e-6 * scale(cf) ? Optional.of(next) : Optional.empty();
            }
            r = next;
        }
        return bisect(t, cf);
    }

    private static Optional<Double> bisect(double[] t, double[] cf) {
        double lo = -0.999999;
        double hi = 10_000;
        double flo = npv(t, cf, lo);
        double fhi = npv(t, cf, hi);
        if (!Double.isFinite(flo) || !Double.isFinite(fhi) || Math.signum(flo) == Math.signum(fhi)) {
            return Optional.empty();
        }
        for (int i = 0; i < 300; i++) {
            double mid = (lo + hi) / 2;
            double fm = npv(t, cf, mid);
            if (!Double.isFinite(fm)) {
                return Optional.empty();
            }
            if (Math.abs(hi - lo) < TOLERANCE) {
                return Optional.of(mid);
            }
            if (Math.signum(fm) == Math.signum(flo)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return Optional.empty();
    }

    private static double scale(double[] cf) {
        double s = 0;
        for (double c : cf) {
            s = Math.max(s, Math.abs(c));
        }
        return s;
    }

    private static double npv(double[] t, double[] cf, double r) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += cf[i] / Math.pow(1 + r, t[i]);
        }
        return sum;
    }

    private static double derivative(double[] t, double[] cf, double r) {
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum -= t[i] * cf[i] / Math.pow(1 + r, t[i] + 1);
        }
        return sum;
    }
}
