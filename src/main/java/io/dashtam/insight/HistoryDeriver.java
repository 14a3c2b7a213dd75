package io.dashtam.insight;

import io.dashtam.markets.Prices;
import io.dashtam.portfolio.PortfolioHistory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Derives and stores one account's daily values: reads its inputs, fetches missing closes from its provider (no
 * transaction open while waiting), derives (pure, in memory) and writes only the days whose figures changed.
 */
@Service
class HistoryDeriver {

    record Result(int days, int changed, int removed, long millis) {
    }

    private final PortfolioHistory portfolio;
    private final Prices prices;
    private final HistoryStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    HistoryDeriver(PortfolioHistory portfolio, Prices prices, HistoryStore store,
            PlatformTransactionManager transactions, Clock clock) {
        this.portfolio = portfolio;
        this.prices = prices;
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    Optional<Result> derive(UUID accountId) {
        long started = System.nanoTime();
        Optional<PortfolioHistory.Inputs> found = portfolio.inputs(accountId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PortfolioHistory.Inputs in = found.get();
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        Derivation.Input input = input(in, today);
        TreeSet<String> symbols = new TreeSet<>(input.holdings().keySet());
        input.transactions().stream().filter(t -> t.symbol() != null && FlowKind.of(t.type()).movesShares())
                .forEach(t -> symbols.add(t.symbol()));
        LocalDate first = input.transactions().stream().map(Derivation.Tx::day).min(LocalDate::compareTo)
                .orElse(today).minusDays(Derivation.STALE_DAYS + 1);
        if (!symbols.isEmpty()) {
            prices.fetchFromProvider(in.account().connectionId(), symbols, first, today);
        }
        var closes = prices.closes(in.account().userId(), symbols, first, today);
        var days = Derivation.derive(input, Derivation.of(closes));
        HistoryStore.Written written = tx.execute(s -> store.replace(accountId, in.account().userId(),
                in.account().currency(), days, clock.instant()));
        return Optional.of(new Result(days.size(), written.changed(), written.removed(),
                (System.nanoTime() - started) / 1_000_000));
    }

    static Derivation.Input input(PortfolioHistory.Inputs in, LocalDate today) {
        Map<String, BigDecimal> holdings = new HashMap<>();
        BigDecimal holdingsValue = BigDecimal.ZERO;
        for (var h : in.holdings()) {
            holdings.merge(h.symbol(), h.quantity(), BigDecimal::add);
            holdingsValue = holdingsValue.add(h.marketValue());
        }
        return new Derivation.Input(today,
                in.snapshots().stream().map(s -> new Derivation.Snapshot(s.day(), s.balance(), s.cash())).toList(),
                in.transactions().stream().map(t -> new Derivation.Tx(t.day(), t.type(), t.symbol(), t.quantity(),
                        t.amount())).toList(), holdings, holdingsValue);
    }
}
