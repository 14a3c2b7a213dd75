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
    void onePointIsItsOwnState() {
        var two = Chart.of("USD", List.of(new Chart.Value(D, "100.00"), new Chart.Value(D.plusDays(1), "300.00")));
        assertThat(two.single()).isFalse();
        assertThat(Chart.of("USD", List.of(new Chart.Value(D, "145165.09"))).single()).isTrue();
        assertThat(Chart.of("USD", List.of()).single()).isFalse();
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

    @Test
    void aLongRangeIsThinnedToEveryNthValueEndingWithTheLatest() {
        List<Chart.Value> days = new java.util.ArrayList<>();
        for (int i = 0; i < 3650; i++) {
            days.add(new Chart.Value(D.plusDays(i), i + ".00"));
        }
        var chart = Chart.of("USD", days);
        assertThat(chart.step()).isEqualTo(10);
        assertThat(chart.points()).hasSize(365);
        assertThat(chart.points().get(364).date()).isEqualTo(D.plusDays(3649));
        assertThat(chart.points().get(363).date()).isEqualTo(D.plusDays(3639));
        assertThat(chart.points().get(0).date()).isEqualTo(D.plusDays(9));
        assertThat(chart.polyline().split(" ")).hasSize(365);
        assertThat(chart.sampling()).isEqualTo(", one point per 10 values");
        var year = Chart.of("USD", days.subList(0, 366));
        assertThat(year.points()).hasSize(366);
        assertThat(year.sampling()).isEmpty();
        assertThat(Chart.of("USD", days.subList(0, 367)).points()).hasSize(184);
    }
}
