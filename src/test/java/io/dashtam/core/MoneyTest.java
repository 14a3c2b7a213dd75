package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsExactDecimalsAndCurrency() {
        Money a = Money.of("0.10", "USD");
        Money b = Money.of("0.20", "USD");
        assertThat(a.plus(b).amount()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(a.plus(b).toString()).isEqualTo("0.3 USD");
        assertThat(Money.of("1E+3", "USD").amount().toPlainString()).isEqualTo("1000");
    }

    @Test
    void refusesMixedCurrenciesAndAbsurdAmounts() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1e20", "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsNeverPrint() {
        assertThat(new Secret("hunter2").toString()).isEqualTo("[redacted]");
        assertThat(new Secret("a").matches(new Secret("a"))).isTrue();
        assertThat(new Secret("a").matches(new Secret("b"))).isFalse();
    }
}
