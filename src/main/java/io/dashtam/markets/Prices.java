package io.dashtam.markets;

import io.dashtam.core.InvalidInputException;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.providers.ProviderFetch;
import io.dashtam.providers.RateLimit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prices port: daily closes per symbol, cached with their source. Sources: the provider of a connection
 * (Schwab's price history; the sandbox brokerage's), fetched incrementally (only days after what was asked
 * before) with no transaction open while waiting; a user's CSV ({@code symbol,date,close[,currency]}); manual
 * entry. A close at or below zero is refused, never stored. A user's own closes are announced ({@link PricesChanged})
 * so histories valued without them are derived again.
 */
@Service
public class Prices {

    private static final Logger log = LoggerFactory.getLogger(Prices.class);

    private final PriceStore store;
    private final ProviderAccess access;
    private final ProviderCalls calls;
    private final MarketsProperties properties;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Prices(PriceStore store, ProviderAccess access, ProviderCalls calls, MarketsProperties properties,
            PlatformTransactionManager transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.access = access;
        this.calls = calls;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.clock = clock;
    }

    /** Closes per symbol over {@code [from, to]}: the user's manual over their CSV over market data. */
    @Transactional(readOnly = true)
    public Map<String, NavigableMap<LocalDate, BigDecimal>> closes(UserId user, Collection<String> symbols,
            LocalDate from, LocalDate to) {
        return store.closes(user, symbols, from, to);
    }

    /**
     * Fetches the symbols' closes over {@code [from, to]} from the connection's provider, each symbol only for the
     * days not asked before. A provider without market data, or a failed call, fetches nothing (the history then
     * marks those days); returns the symbols that could not be fetched.
     */
    public List<String> fetchFromProvider(UUID connectionId, Collection<String> symbols, LocalDate from,
            LocalDate to) {
        var info = access.find(new ConnectionId(connectionId)).orElse(null);
        if (info == null || symbols.isEmpty()) {
            return List.of();
        }
        var adapter = access.adapter(info.providerKey()).orElse(null);
        if (adapter == null || "file".equals(adapter.category())) {
            return List.of();
        }
        String source = info.providerKey().equals("sandbox") ? "sandbox" : "provider";
        return fetch(info.providerKey(), source, () -> {
            var session = access.open(new ConnectionId(connectionId));
            RateLimit limit = calls.rateLimit(session.providerKey(),
                    RateLimit.perMinute(adapter.limits().requestsPerMinute()).orElse(null));
            return adapter.open(session.withHttpClient(calls.budgeted(session.httpClient(), session.providerKey(),
                    limit, ProviderCalls.WaitListener.NONE)), properties.requestTimeout());
        }, symbols, from, to);
    }

    /**
     * The fetch itself, over a provider session opened on the first symbol that needs one: each symbol's answer is
     * read whole and stored in one transaction with what was asked, or (a failed call, a malformed answer) nothing.
     */
    List<String> fetch(String providerKey, String source, java.util.function.Supplier<ProviderFetch> opener,
            Collection<String> symbols, LocalDate from, LocalDate to) {
        List<String> failed = new ArrayList<>();
        ProviderFetch fetch = null;
        for (String symbol : symbols) {
            LocalDate start = from;
            var asked = store.fetched(symbol, source);
            if (asked.isPresent() && !asked.get()[0].isAfter(from)) {
                // Asked before from this day on: only the days after the last fetch (today's close may be new).
                start = asked.get()[1].isBefore(from) ? from : asked.get()[1];
                if (start.isAfter(to)) {
                    continue;
                }
            }
            try {
                if (fetch == null) {
                    fetch = opener.get();
                }
                ProviderFetch f = fetch;
                LocalDate s = start;
                var closes = calls.call(providerKey, () -> f.dailyCloses(symbol, s, to),
                        ProviderCalls.WaitListener.NONE);
                if (closes.isEmpty()) {
                    return failed;
                }
                List<PriceStore.Close> rows = closes.get().stream().filter(c -> c.close().signum() > 0)
                        .map(c -> new PriceStore.Close(symbol, c.day(), c.close(), "USD")).toList();
                tx.executeWithoutResult(t -> {
                    store.putMarket(rows, source, clock.instant());
                    store.markFetched(symbol, source, s, to, clock.instant());
                });
            } catch (RuntimeException e) {
                log.info("prices of {} from {} not fetched: {}", symbol, providerKey, e.getMessage());
                failed.add(symbol);
            }
        }
        return failed;
    }

    /** A manual close (overrides every other source for that user, symbol and day). */
    @Transactional
    public void setManual(UserId user, String symbol, LocalDate day, BigDecimal close, String currency) {
        PriceStore.Close row = valid(symbol, day, close, currency, "");
        store.putUser(user, List.of(row), "manual", clock.instant());
        events.publishEvent(new PricesChanged(user, java.util.Set.of(row.symbol())));
    }

    /**
     * Imports {@code symbol,date,close[,currency]} rows (a header line first); all or nothing: the first bad row is a
     * 422 naming its line. Returns the number of closes stored.
     */
    @Transactional
    public int importCsv(UserId user, String text) {
        List<String> lines = text == null ? List.of() : text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).toLowerCase(Locale.ROOT).replace(" ", "").startsWith("symbol,date,close")) {
            throw InvalidInputException.of("the prices CSV must start with the header"
                    + " symbol,date,close[,currency]");
        }
        List<PriceStore.Close> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = " (line " + (i + 1) + ")";
            if (cells.length < 3 || cells.length > 4) {
                throw InvalidInputException.of("expected symbol,date,close[,currency]" + where);
            }
            LocalDate day;
            BigDecimal close;
            try {
                day = LocalDate.parse(cells[1].trim());
                close = new BigDecimal(cells[2].trim());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw InvalidInputException.of("date must be YYYY-MM-DD and close a decimal"
                        + where);
            }
            rows.add(valid(cells[0], day, close, cells.length == 4 ? cells[3] : "USD", where));
        }
        store.putUser(user, rows, "csv", clock.instant());
        if (!rows.isEmpty()) {
            events.publishEvent(new PricesChanged(user, rows.stream().map(PriceStore.Close::symbol)
                    .collect(java.util.stream.Collectors.toSet())));
        }
        return rows.size();
    }

    private PriceStore.Close valid(String symbol, LocalDate day, BigDecimal close, String currency, String where) {
        String s = symbol == null ? "" : symbol.trim().toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z0-9.\\-/^]{1,32}")) {
            throw InvalidInputException.of("symbol must be 1 to 32 letters, digits or .-/^" + where);
        }
        if (close == null || close.signum() <= 0 || close.compareTo(new BigDecimal("1e15")) >= 0) {
            throw InvalidInputException.of("a price must be above zero" + where);
        }
        if (day == null || day.getYear() < 1900 || day.isAfter(LocalDate.now(clock))) {
            throw InvalidInputException.of("the date must be from 1900 to today" + where);
        }
        return new PriceStore.Close(s, day, close, ExchangeRates.currency(currency));
    }
}
