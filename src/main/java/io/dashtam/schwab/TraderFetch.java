package io.dashtam.schwab;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.TransactionPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The port's fetch over the trader API: accounts joined with their hashValues (per-account paths take the hash,
 * never the plain number), and transaction windows. A page at the row cap is reported as capped: the engine
 * stores none of it, but its rows' times show how dense the history is, so the next window fits the cap.
 */
final class TraderFetch implements ProviderFetch {

    private final TraderClient client;
    private final int rowCap;

    TraderFetch(TraderClient client, int rowCap) {
        this.client = client;
        this.rowCap = rowCap;
    }

    @Override
    public List<ProviderAccount> accounts() {
        Map<String, String> hashes = TraderMapper.accountHashes(client.accountNumbers());
        List<TraderMapper.TraderAccount> accounts = TraderMapper.accounts(client.accountsWithPositions());
        List<ProviderAccount> out = new ArrayList<>(accounts.size());
        for (TraderMapper.TraderAccount account : accounts) {
            String hash = hashes.get(account.account().number());
            if (hash == null) {
                throw new TraderApiException("account " + account.account() + " has no hashValue in accountNumbers");
            }
            out.add(new ProviderAccount(hash, account.account(), account.balance(), account.holdings()));
        }
        return out;
    }

    @Override
    public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
        List<AccountBatch.Transaction> rows = client.transactions(account.fetchRef(), from, to,
                parser -> TraderTransactions.read(parser, "transactions[" + TraderClient.DATE.format(from) + "]"));
        return rows.size() >= rowCap ? TransactionPage.capped(rows) : TransactionPage.of(rows);
    }

    @Override
    public java.util.Optional<List<DailyClose>> dailyCloses(String symbol, java.time.LocalDate from,
            java.time.LocalDate to) {
        return java.util.Optional.of(PriceHistory.read(client.priceHistory(symbol, from, to), symbol));
    }
}
