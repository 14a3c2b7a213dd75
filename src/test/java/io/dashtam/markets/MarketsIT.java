package io.dashtam.markets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.PublicAddress;
import io.dashtam.core.UserId;
import io.dashtam.providers.OutboundClients;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderCalls;
import io.dashtam.sync.FakeSchwab;
import io.dashtam.sync.TestSyncConnections;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.ProviderTestCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The markets module against fakes of the outside parties over real HTTPS (certificates from the test provider CA):
 * an ECB serving its published files, good and bad (a truncated, wrong-format or hostile file is refused whole and
 * changes nothing), and Schwab's {@code /marketdata/v1/pricehistory} (the fake checks the query as Schwab does;
 * closes stored exactly, fetched incrementally, and a broken answer stores nothing for its symbol).
 */
class MarketsIT extends IntegrationTest {

    @Autowired
    RatesStore ratesStore;

    @Autowired
    OutboundClients outbound;

    @Autowired
    ProviderCalls calls;

    @Autowired
    PublicAddress address;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ExchangeRates exchangeRates;

    @Autowired
    Prices prices;

    @Autowired
    ProviderAccess providers;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    /** A fake ECB: answers every file with what the test set, and records which files were asked for. */
    private static final class FakeEcb extends Dispatcher implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final ConcurrentLinkedQueue<String> asked = new ConcurrentLinkedQueue<>();
        volatile byte[] body;
        volatile String contentType = "application/xml";

        FakeEcb() throws IOException {
            server.useHttps(ProviderTestCa.instance().serverCertificates().sslSocketFactory());
            server.setDispatcher(this);
            server.start(InetAddress.getLoopbackAddress(), 0);
        }

        String url() {
            return "https://localhost:" + server.getPort() + "/stats/eurofxref";
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            asked.add(request.getUrl().encodedPath());
            return new MockResponse.Builder().code(200).addHeader("Content-Type", contentType)
                    .body(new Buffer().write(body)).build();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static String daily(LocalDate day, String usd, String gbp) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
                xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
                <gesmes:subject>Reference rates</gesmes:subject>
                <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
                <Cube><Cube time="%s"><Cube currency="USD" rate="%s"/><Cube currency="GBP" rate="%s"/></Cube></Cube>
                </gesmes:Envelope>
                """.formatted(day, usd, gbp);
    }

    private static byte[] zip(String csv) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("eurofxref-hist.csv"));
            zip.write(csv.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private List<String> storedRates() {
        return jdbc.sql("SELECT day || ' ' || currency || ' ' || rate || ' ' || source FROM fx_rates ORDER BY 1")
                .query(String.class).list();
    }

    @Test
    void ratesFromAFakeEcbOverHttpsAndBadFilesChangeNothing() throws IOException {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate yesterday = today.minusDays(1);
        try (var ecb = new FakeEcb()) {
            var rates = new EcbRates(ratesStore, outbound, calls, new MarketsProperties(ecb.url(), false,
                    Duration.ofHours(6), Duration.ofSeconds(10)), address, transactions, clock);
            jdbc.sql("DELETE FROM fx_rates").update();

            // Nothing stored: the history ZIP (newest first, a trailing comma, N/A where a currency had none).
            ecb.body = zip("Date,USD,GBP,CYP,\n" + yesterday + ",1.0850,0.8610,N/A,\n" + yesterday.minusDays(1)
                    + ",1.0800,0.8600,0.5842,\n");
            ecb.contentType = "application/zip";
            assertThat(rates.refresh()).isEqualTo(5);
            assertThat(ecb.asked).containsExactly("/stats/eurofxref/eurofxref-hist.zip");
            List<String> stored = storedRates();
            assertThat(stored).hasSize(5).allSatisfy(r -> assertThat(r).endsWith(" ecb"));

            // Bad files, whatever file is asked next: refused whole, nothing changed.
            String good = daily(today, "1.0900", "0.8650");
            ecb.contentType = "application/xml";
            Map<String, byte[]> bad = Map.of(
                    "truncated", good.substring(0, good.length() - 40).getBytes(StandardCharsets.UTF_8),
                    "an HTML page", "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8),
                    "JSON", "{\"rates\":{\"USD\":1.09}}".getBytes(StandardCharsets.UTF_8),
                    "a non-ISO currency", daily(today, "1.0900", "0.8650").replace("GBP", "XQZ")
                            .getBytes(StandardCharsets.UTF_8),
                    "a zero rate", daily(today, "0", "0.8650").getBytes(StandardCharsets.UTF_8),
                    "a DOCTYPE", ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                            + good.substring(good.indexOf("<gesmes:Envelope"))).getBytes(StandardCharsets.UTF_8),
                    "empty", new byte[0]);
            bad.forEach((what, body) -> {
                ecb.body = body;
                assertThatThrownBy(rates::refresh).as(what).isInstanceOf(RuntimeException.class);
                assertThat(storedRates()).as("nothing changed by " + what).isEqualTo(stored);
            });
            assertThat(ecb.asked).as("the daily file once the history is stored").contains(
                    "/stats/eurofxref/eurofxref-daily.xml");

            // A good daily file: today's rates join, and conversion uses them, cross through the euro.
            ecb.body = good.getBytes(StandardCharsets.UTF_8);
            assertThat(rates.refresh()).isEqualTo(2);
            var table = exchangeRates.table(UserId.random(), Set.of("USD", "GBP"), yesterday, today);
            var usdToGbp = table.rate("USD", "GBP", today).orElseThrow();
            assertThat(usdToGbp.value()).isEqualByComparingTo(new BigDecimal("0.8650").divide(
                    new BigDecimal("1.0900"), java.math.MathContext.DECIMAL64));
            assertThat(usdToGbp.source()).isEqualTo("ecb");
            assertThat(usdToGbp.earlier()).isFalse();
            assertThat(table.rate("USD", "GBP", today.plusDays(3)).orElseThrow().earlier())
                    .as("a later day without a rate takes the nearest earlier one, marked").isTrue();
            assertThat(table.rate("USD", "CHF", today)).as("no rate: no conversion, never 1.0").isEmpty();
        }
    }

    @Test
    void schwabPriceHistoryIsStoredExactlyAndIncrementallyAndABrokenAnswerStoresNothing() {
        LocalDate to = LocalDate.now(clock.withZone(ZoneId.of("America/New_York"))).minusDays(1);
        LocalDate from = to.minusDays(30);
        TreeMap<LocalDate, String> aapl = new TreeMap<>();
        for (LocalDate d = from.minusDays(10); !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                aapl.put(d, new BigDecimal("185.64").add(BigDecimal.valueOf(d.getDayOfMonth(), 2)).toPlainString());
            }
        }
        schwab.closes("AAPL", aapl);
        schwab.priceHistoryBody("ZERO", "{\"symbol\":\"ZERO\",\"empty\":false,\"candles\":[{\"close\":12.5,"
                + "\"datetime\":" + from.atStartOfDay(ZoneId.of("America/Chicago")).toInstant().toEpochMilli()
                + "},{\"close\":0,\"datetime\":" + to.atStartOfDay(ZoneId.of("America/Chicago")).toInstant()
                .toEpochMilli() + "}]}");
        schwab.priceHistoryBody("OTHER", "{\"symbol\":\"MSFT\",\"empty\":false,\"candles\":[]}");
        schwab.priceHistoryBody("CUT", "{\"symbol\":\"CUT\",\"empty\":false,\"candles\":[{\"close\":1");
        jdbc.sql("DELETE FROM symbol_prices WHERE user_id IS NULL").update();
        jdbc.sql("DELETE FROM symbol_price_fetches").update();

        List<String> failed = prices.fetch("schwab", "provider", () -> TestSyncConnections.fetch(providers, schwab),
                List.of("AAPL", "ZERO", "OTHER", "CUT", "NONE"), from, to);
        assertThat(failed).containsExactlyInAnyOrder("ZERO", "OTHER", "CUT");
        Map<LocalDate, String> stored = new TreeMap<>();
        jdbc.sql("SELECT day, close, source FROM symbol_prices WHERE symbol = 'AAPL' AND user_id IS NULL")
                .query((rs, n) -> {
                    assertThat(rs.getString(3)).isEqualTo("provider");
                    return stored.put(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2).stripTrailingZeros()
                            .toPlainString());
                }).list();
        Map<LocalDate, String> expected = new TreeMap<>();
        aapl.subMap(from, true, to, true).forEach((d, c) -> expected.put(d, new BigDecimal(c).stripTrailingZeros()
                .toPlainString()));
        assertThat(stored).as("every close of the range, exactly, none outside it").isEqualTo(expected);
        assertThat(jdbc.sql("SELECT count(*) FROM symbol_prices WHERE symbol IN ('ZERO', 'OTHER', 'CUT', 'NONE')")
                .query(Integer.class).single()).as("a broken answer stores nothing of it").isZero();
        List<String> asked = schwab.requests().stream().filter(r -> r.contains("/pricehistory")).toList();
        assertThat(asked).hasSize(5).first().asString().contains("symbol=AAPL&periodType=year&frequencyType=daily"
                + "&frequency=1&startDate=" + from.atStartOfDay(ZoneId.of("America/New_York")).toInstant()
                .toEpochMilli());

        // Again: AAPL is asked only from the last day fetched on; the failed symbols are asked again whole.
        List<String> again = new ArrayList<>();
        prices.fetch("schwab", "provider", () -> TestSyncConnections.fetch(providers, schwab), List.of("AAPL",
                "ZERO"), from, to);
        schwab.requests().stream().filter(r -> r.contains("/pricehistory")).skip(5).forEach(again::add);
        assertThat(again).hasSize(2);
        assertThat(again.get(0)).contains("symbol=AAPL").contains("startDate=" + to.atStartOfDay(
                ZoneId.of("America/New_York")).toInstant().toEpochMilli());
        assertThat(again.get(1)).contains("symbol=ZERO").contains("startDate=" + from.atStartOfDay(
                ZoneId.of("America/New_York")).toInstant().toEpochMilli());
    }
}
