package io.dashtam.simplefin;

import io.dashtam.portfolio.AccountBatch;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.ProviderSession;
import io.dashtam.providers.TransactionPage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One sync's view of a SimpleFIN access URL. {@link #accounts()} reads every account with its transactions
 * (pending included) over the whole backfill in one request, and the transaction windows the engine then asks
 * for are cut from that answer: a sync costs one request of the bridge's daily budget. A window outside it
 * (never, with the declared limits) is fetched on its own.
 */
final class SimplefinFetch implements ProviderFetch {

    private record Window(Instant from, Instant to) {
        boolean covers(Instant f, Instant t) {
            return !f.isBefore(from) && !t.isAfter(to);
        }
    }

    private final SimplefinClient client;
    private final SimplefinAccessUrl access;
    private final Clock clock;
    private final Duration backfill;
    private final Map<Window, Map<String, SimplefinAccountSet.SimplefinAccount>> answers = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> currencies = new ConcurrentHashMap<>();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private volatile Window whole;
    private final ProviderSession.RequestBudget budget;

    SimplefinFetch(SimplefinClient client, SimplefinAccessUrl access, Clock clock, Duration backfill,
            ProviderSession.RequestBudget budget) {
        this.budget = budget;
        this.client = client;
        this.access = access;
        this.clock = clock;
        this.backfill = backfill;
    }

    @Override
    public List<ProviderAccount> accounts() {
        Instant now = clock.instant();
        // A day of slack before the engine's earliest start; the end is exclusive, so one second past now.
        Window window = new Window(now.minus(backfill).minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS),
                now.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS));
        Map<String, SimplefinAccountSet.SimplefinAccount> accounts = fetch(window);
        whole = window;
        List<ProviderAccount> out = new ArrayList<>();
        for (var entry : accounts.entrySet()) {
            out.add(SimplefinMapping.account(entry.getKey(), entry.getValue(), this::customCurrency));
        }
        return out;
    }

    @Override
    public TransactionPage transactions(ProviderAccount account, Instant from, Instant to) {
        Window known = whole;
        Map<String, SimplefinAccountSet.SimplefinAccount> set = known != null && known.covers(from, to)
                ? fetch(known) : fetch(new Window(from, to));
        SimplefinAccountSet.SimplefinAccount found = set.get(account.fetchRef());
        if (found == null) {
            return TransactionPage.of(List.of());
        }
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (var t : found.transactions()) {
            AccountBatch.Transaction row = SimplefinMapping.transaction(t, found.balanceDate());
            if (!row.occurredAt().isBefore(from) && row.occurredAt().isBefore(to)) {
                rows.add(row);
            }
        }
        return TransactionPage.of(rows);
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Map<String, SimplefinAccountSet.SimplefinAccount> fetch(Window window) {
        return answers.computeIfAbsent(window, w -> {
            SimplefinAccountSet set;
            budget.spend(); // the connection's daily budget at the bridge: refused (not sent) when it is spent
            try {
                set = client.accounts(access, w.from(), w.to());
            } catch (SimplefinException e) {
                throw SimplefinProvider.calls(e, e.getMessage());
            }
            set.errors().stream().filter(e -> !warnings.contains(e)).forEach(warnings::add);
            Map<String, SimplefinAccountSet.SimplefinAccount> byKey = new java.util.LinkedHashMap<>();
            for (var a : set.accounts()) {
                byKey.put(SimplefinMapping.accountKey(a), a);
            }
            return byKey;
        });
    }

    private Optional<String> customCurrency(String url) {
        return currencies.computeIfAbsent(url, u -> {
            try {
                return client.customCurrency(URI.create(u));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    static Currency iso(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ProviderCallException("SimpleFIN account currency " + code + " is not an ISO 4217 code");
        }
    }
}
