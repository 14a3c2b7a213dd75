package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.portfolio.Views;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTest {

    private final Format fmt = new Format();

    @Test
    void moneyIsFormattedFromItsDecimalStringWithTheCurrencysDigits() {
        assertThat(fmt.money("1234.5", "USD")).isEqualTo("$1,234.50");
        assertThat(fmt.money("-12.5", "USD")).isEqualTo("-$12.50");
        assertThat(fmt.money("90071992547409930.07", "USD")).isEqualTo("$90,071,992,547,409,930.07");
        assertThat(fmt.money("1500", "JPY")).isEqualTo("¥1,500");
        assertThat(fmt.money("7.1", "CAD")).isEqualTo("CA$ 7.10");
        assertThat(fmt.money("0.125", "USD")).isEqualTo("$0.125");
        assertThat(fmt.money("10", "XYZ1")).isEqualTo("XYZ1 10.00");
        assertThat(fmt.money((Views.MoneyView) null)).isEqualTo("—");
    }

    @Test
    void quantitiesKeepEveryDigit() {
        assertThat(fmt.decimal("1234.56789")).isEqualTo("1,234.56789");
        assertThat(fmt.decimal("10")).isEqualTo("10");
    }

    @Test
    void timesOutsideARequestAreUtcWithTheInstantInTheMarkup() {
        Instant at = Instant.parse("2026-11-29T17:05:00Z");
        assertThat(fmt.time(at)).isEqualTo("29 Nov 2026, 17:05 UTC");
        assertThat(fmt.utc(at)).isEqualTo("2026-11-29 17:05:00 UTC");
        assertThat(fmt.iso(at)).isEqualTo("2026-11-29T17:05:00Z");
    }
}
