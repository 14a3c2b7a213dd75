package io.dashtam.markets;

import io.dashtam.core.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * A user's own closes changed (a CSV import or a manual price): values derived with the market's closes, or carried
 * forward for want of one, may now be different. Symbols only, never a price.
 */
public record PricesChanged(UserId userId, Set<String> symbols) {

    public PricesChanged {
        Objects.requireNonNull(userId, "userId");
        symbols = Set.copyOf(symbols);
    }
}
