package io.dashtam.core;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in one currency. Never a floating point number: amounts are parsed straight into BigDecimal. */
public record Money(BigDecimal amount, Currency currency) {

    /** Larger than any real account balance; guards against absurd provider numbers. */
    private static final BigDecimal LIMIT = new BigDecimal("1e15");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("amount out of range");
        }
        amount = amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
