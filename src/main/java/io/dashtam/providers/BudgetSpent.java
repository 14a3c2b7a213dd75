package io.dashtam.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A connection's request budget ({@link ProviderLimits#perConnection()}) is spent until {@code until}. */
public record BudgetSpent(RateLimit budget, Instant until) {

    /** For the user: how many requests the provider allows, and when the next one fits. */
    public String describe() {
        return "the provider allows " + budget.requests() + " requests " + per(budget.per())
                + " for this connection and they are spent: the next one fits at " + until;
    }

    private static String per(Duration per) {
        return per.equals(Duration.ofDays(1)) ? "a day" : per.equals(Duration.ofHours(1)) ? "an hour"
                : "per " + per.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
