package io.dashtam.web;

import io.dashtam.insight.Overview;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocation drawn on the server as one SVG bar split into segments, each as wide as its share of all positive
 * slices (computed with BigDecimal from the exact amounts); the slices themselves go into a table beside it, whose
 * swatches carry the same color class. A negative slice (a debt) has no segment and shows in the table only.
 */
record Bars(String currency, List<Segment> segments, List<Overview.Slice> slices) {

    static final int WIDTH = 600;
    static final int HEIGHT = 28;
    /** Color classes seg-0 .. seg-(COLORS-1) in dashtam.css. */
    static final int COLORS = 10;

    record Segment(String label, String x, String width, String color) {
    }

    static Bars of(String currency, List<Overview.Slice> slices) {
        BigDecimal positive = slices.stream().map(s -> new BigDecimal(s.amount())).filter(v -> v.signum() > 0)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Segment> segments = new ArrayList<>();
        BigDecimal x = BigDecimal.ZERO;
        for (int i = 0; i < slices.size(); i++) {
            BigDecimal v = new BigDecimal(slices.get(i).amount());
            if (v.signum() <= 0 || positive.signum() == 0) {
                continue;
            }
            BigDecimal w = v.multiply(BigDecimal.valueOf(WIDTH)).divide(positive, MathContext.DECIMAL64);
            segments.add(new Segment(slices.get(i).label(), x.setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
                    w.setScale(2, RoundingMode.HALF_EVEN).toPlainString(), color(i)));
            x = x.add(w);
        }
        return new Bars(currency, segments, slices);
    }

    /** The color class of the i-th slice (its table swatch uses the same). */
    static String color(int i) {
        return "seg-" + (i % COLORS);
    }

    public String colorOf(int i) {
        return color(i);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
