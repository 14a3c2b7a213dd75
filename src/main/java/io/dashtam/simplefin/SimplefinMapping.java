package io.dashtam.simplefin;

import io.dashtam.core.Hashing;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderAccount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SimpleFIN's shapes in the portfolio's provider-neutral model. An account id is unique only within its org, so
 * the stable key is org plus id. A custom currency (a URL) has no ISO code: the account is kept in ISO 4217
 * {@code XXX} ("no currency") and its name says the unit, e.g. "Travel Points (PTS)".
 */
final class SimplefinMapping {

    static final Currency NO_CURRENCY = Currency.getInstance("XXX");

    private SimplefinMapping() {
    }

    static String accountKey(SimplefinAccountSet.SimplefinAccount a) {
        String key = a.orgName() + "/" + a.id();
        return key.length() <= 64 ? key : Hashing.sha256Hex(key);
    }

    static ProviderAccount account(String key, SimplefinAccountSet.SimplefinAccount a,
            Function<String, Optional<String>> customCurrency) {
        Currency currency;
        String name = a.orgName().isEmpty() ? a.name() : a.orgName() + " - " + a.name();
        if (a.customCurrency()) {
            currency = NO_CURRENCY;
            name = name + " (" + customCurrency.apply(a.currency()).orElse("custom currency") + ")";
        } else {
            currency = SimplefinFetch.iso(a.currency());
        }
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        // The portfolio's balance has two parts: the ledger balance and what can be spent now ("cash").
        var account = new AccountBatch.Account(key, name, a.customCurrency() ? "OTHER" : "BANK", currency);
        List<AccountBatch.Holding> holdings = a.holdings() == null ? null
                : a.holdings().stream().map(SimplefinMapping::holding).toList();
        // balance-date is when the bank last reported the balance: the snapshot's "as of", not the time of the sync.
        return new ProviderAccount(key, account, new AccountBatch.Balance(a.balance(), a.availableBalance(),
                a.balanceDate()), holdings);
    }

    /** Pending until posted; the same id then carries the posted time, so the stored row moves to VALID. */
    static AccountBatch.Transaction transaction(SimplefinAccountSet.SimplefinTransaction t, Instant balanceDate) {
        Instant occurred = t.posted() != null ? t.posted() : t.transactedAt() != null ? t.transactedAt()
                : balanceDate;
        LocalDate traded = t.transactedAt() == null ? null : LocalDate.ofInstant(t.transactedAt(), ZoneOffset.UTC);
        LocalDate settled = t.posted() == null ? null : LocalDate.ofInstant(t.posted(), ZoneOffset.UTC);
        return new AccountBatch.Transaction(t.id(), occurred, traded, settled,
                t.amount().signum() < 0 ? "DEBIT" : "CREDIT", t.pending() ? "PENDING" : "VALID", t.description(),
                null, null, null, t.amount());
    }

    private static AccountBatch.Holding holding(SimplefinAccountSet.SimplefinHolding h) {
        return new AccountBatch.Holding(h.id(), h.symbol().isEmpty() ? null : h.symbol(), null,
                h.description().isEmpty() ? null : h.description(), "EQUITY", h.shares(), h.purchasePrice(),
                h.costBasis(), h.marketValue(), h.costBasis() == null ? null : h.marketValue().subtract(h.costBasis()));
    }
}
