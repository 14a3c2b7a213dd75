package io.dashtam.providers;

import io.dashtam.portfolio.AccountBatch;
import java.util.List;
import java.util.Objects;

/**
 * One account as a provider reported it, in the portfolio's provider-neutral model (BigDecimal amounts in the
 * account's currency, stable provider ids). {@code fetchRef} is the adapter's own handle for fetching the
 * account's transactions (Schwab: the account's hashValue); the engine passes it back and never interprets it.
 *
 * @param holdings null when the provider reports no positions (open holdings are then left alone)
 */
public record ProviderAccount(String fetchRef, AccountBatch.Account account, AccountBatch.Balance balance,
        List<AccountBatch.Holding> holdings) {

    public ProviderAccount {
        if (fetchRef == null || fetchRef.isBlank()) {
            throw new AccountBatch.InvalidDataException("account reference: missing");
        }
        Objects.requireNonNull(account, "account");
        holdings = holdings == null ? null : List.copyOf(holdings);
    }

    @Override
    public String toString() {
        return "ProviderAccount[" + account + "]";
    }
}
