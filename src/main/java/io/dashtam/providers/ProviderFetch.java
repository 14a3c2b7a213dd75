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
}
