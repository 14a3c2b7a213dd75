package io.dashtam.markets;

import io.dashtam.core.PublicAddress;
import io.dashtam.providers.OutboundClients;
import io.dashtam.providers.ProviderCallException;
import io.dashtam.providers.ProviderCalls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps fx_rates current from the ECB (or the built-in source): the daily file on each run; the 90-day file when
 * the newest stored day is older than a few days; the full history ZIP when nothing is stored yet. Each file is
 * fetched with no transaction open, parsed whole, then stored in one transaction (a bad file stores nothing).
 * Calls go through the providers' outbound client with their retry policy ({@code ecb} as the budget key).
 */
@Service
public class EcbRates {

    private static final Logger log = LoggerFactory.getLogger(EcbRates.class);
    static final String ECB = "https://www.ecb.europa.eu/stats/eurofxref";

    private final RatesStore store;
    private final OutboundClients outbound;
    private final ProviderCalls calls;
    private final MarketsProperties properties;
    private final PublicAddress address;
    private final TransactionTemplate tx;
    private final Clock clock;

    EcbRates(RatesStore store, OutboundClients outbound, ProviderCalls calls, MarketsProperties properties,
            PublicAddress address, org.springframework.transaction.PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.outbound = outbound;
        this.calls = calls;
        this.properties = properties;
        this.address = address;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    String base() {
        String url = properties.ratesUrl();
        if (url != null && !url.isBlank()) {
            return url.strip().replaceAll("/+$", "");
        }
        return properties.builtinRates() ? address.base() + BuiltInRates.PATH : ECB;
    }

    @Scheduled(fixedDelayString = "${dashtam.markets.rates-interval:6h}", initialDelayString = "15s")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("rates refresh failed: {}", e.getMessage());
        }
    }

    /** Fetches what is missing; returns the number of rates stored or changed. */
    public int refresh() {
        LocalDate today = LocalDate.now(clock);
        var newest = store.newest();
        String file = newest.isEmpty() ? "/eurofxref-hist.zip"
                : newest.get().isBefore(today.minusDays(5)) ? "/eurofxref-hist-90d.xml" : "/eurofxref-daily.xml";
        byte[] body = fetch(file);
        EcbFormat.Rates rates = file.endsWith(".zip") ? EcbFormat.zip(body) : EcbFormat.xml(body);
        String source = base().equals(ECB) ? "ecb" : properties.builtinRates() && (properties.ratesUrl() == null
                || properties.ratesUrl().isBlank()) ? "builtin" : "ecb";
        Integer stored = tx.execute(s -> store.store(rates, source, clock.instant()));
        log.info("rates: {} from {} ({} days, {} stored or changed)", file, source, rates.days().size(), stored);
        return stored == null ? 0 : stored;
    }

    private byte[] fetch(String file) {
        return calls.call("ecb", () -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + file))
                    .timeout(properties.requestTimeout()).GET().build();
            try {
                HttpResponse<byte[]> response = outbound.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new ProviderCallException(ProviderCallException.kindOf(response.statusCode()),
                            "GET " + file + " answered HTTP " + response.statusCode(), null);
                }
                return response.body();
            } catch (IOException e) {
                throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "GET " + file + " failed: "
                        + e.getClass().getSimpleName(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderCallException(ProviderCallException.Kind.TRANSIENT, "interrupted", null);
            }
        }, ProviderCalls.WaitListener.NONE);
    }
}
