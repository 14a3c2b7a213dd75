package io.dashtam.providers;

import java.time.Instant;
import java.util.List;

/**
 * A provider's data API for one authorized connection, as the sync engine uses it: accounts (with balances and
 * positions), then each account's transactions for a window {@code [from, to)} (UTC). Implementations map the
 * provider's shapes strictly into the neutral model and fail with {@link ProviderCallException} (a failed call) or
 * {@code AccountBatch.InvalidDataException} (an answer that cannot be stored), never naming a credential.
 * Called from several threads at once for different windows.
 */
public interface ProviderFetch {

    List<ProviderAccount> accounts();

    TransactionPage transactions(ProviderAccount account, Instant from, Instant to);

    /**
     * Problems the provider reported beside its data during this fetch (SimpleFIN's {@code errors}: a bank that
     * could not be reached, so its accounts may be missing), sanitized and fit to show the user. When there are
     * any, the data is partial: accounts missing from it must not be closed.
     */
    default List<String> warnings() {
        return List.of();
    }

    /** One day's closing price of a symbol, in the provider's quote currency. */
    record DailyClose(java.time.LocalDate day, java.math.BigDecimal close) {
    }

    /**
     * The symbol's daily closes over {@code [from, to]} from the provider's market data (Schwab's price history),
     * oldest first; empty when the provider has no market data. Fails like the other calls.
     */
    default java.util.Optional<List<DailyClose>> dailyCloses(String symbol, java.time.LocalDate from,
            java.time.LocalDate to) {
        return java.util.Optional.empty();
    }
}
