package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 1);

    @Test
    void pointsSpanTheWidthAndTheHighestAmountIsAtTheTop() {
        var chart = Chart.of("USD", List.of(new Chart.Value(D, "100.00"), new Chart.Value(D.plusDays(1), "300.00"),
                new Chart.Value(D.plusDays(2), "200.00")));
        assertThat(chart.polyline()).isEqualTo("10.00,190.00 300.00,10.00 590.00,100.00");
        assertThat(chart.points()).extracting(Chart.Point::amount).containsExactly("100.00", "300.00", "200.00");
    }

    @Test
    void amountsBeyondDoublePrecisionStayExact() {
        var chart = Chart.of("USD", List.of(new Chart.Value(D, "90071992547409930.01"),
                new Chart.Value(D.plusDays(1), "90071992547409930.02")));
        assertThat(chart.polyline()).isEqualTo("10.00,190.00 590.00,10.00");
        assertThat(chart.points().get(1).amount()).isEqualTo("90071992547409930.02");
    }

    @Test
    void aFlatOrSingleSeriesIsDrawnInTheMiddle() {
        assertThat(Chart.of("EUR", List.of(new Chart.Value(D, "5"))).polyline()).isEqualTo("300.00,100.00");
        assertThat(Chart.of("EUR", List.of(new Chart.Value(D, "5"), new Chart.Value(D.plusDays(1), "5.00")))
                .polyline()).isEqualTo("10.00,100.00 590.00,100.00");
        assertThat(Chart.of("EUR", List.of()).points()).isEmpty();
    }
}
