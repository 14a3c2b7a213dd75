package io.dashtam.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import io.dashtam.testing.ProviderTestCa;
import io.dashtam.testing.TestEnvironment;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Schwab trader API over HTTPS (certificate from the test provider CA that only the app under test and
 * the test clients trust), enforcing what
 * Schwab enforces: the bearer token, {@code hashValue} (never the plain number) in account paths, required
 * {@code startDate}/{@code endDate}/{@code types} in the exact format, at most a year per call, at most 3000 rows.
 * Faults can be injected per transactions call. One per test: {@code @RegisterExtension final FakeSchwab schwab =
 * new FakeSchwab(token)} is closed after the test, with the test connections that point at it.
 */
public final class FakeSchwab implements AutoCloseable, AfterEachCallback {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Pattern TX_PATH = Pattern.compile("/trader/v1/accounts/([^/]+)/transactions");
    /** Every transaction type Schwab's API names; the endpoint requires all that are wanted in {@code types}. */
    private static final Set<String> TYPES = Set.of("TRADE", "RECEIVE_AND_DELIVER", "DIVIDEND_OR_INTEREST",
            "ACH_RECEIPT", "ACH_DISBURSEMENT", "CASH_RECEIPT", "CASH_DISBURSEMENT", "ELECTRONIC_FUND", "WIRE_OUT",
            "WIRE_IN", "JOURNAL", "MEMORANDUM", "MARGIN_CALL", "MONEY_MARKET", "SMA_ADJUSTMENT");
    public static final int MAX_ROWS = 3000;

    /** One account: its number, hash and the JSON of its {@code Account} entry (positions and balances). */
    public record Account(String number, String hash, String accountJson) {
    }

    private final MockWebServer server = new MockWebServer();
    private final String token;
    private final java.util.function.Predicate<String> tokenValid;
    private volatile List<Account> accounts = List.of();
    private final Map<String, NavigableMap<Instant, List<String>>> transactions = new ConcurrentHashMap<>();
    private final AtomicInteger transactionCalls = new AtomicInteger();
    private final Map<Integer, MockResponse> transactionFaults = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String accountsOverride;
    private volatile CountDownLatch hold;
    private volatile int holdOnCall = -1;
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile boolean holdAccounts;
    private volatile Runnable duringEachCall = () -> { };
    private final List<Instant> requestTimes = Collections.synchronizedList(new ArrayList<>());

    public FakeSchwab(String token) {
        this(token, 0);
    }

    /** On a given port, e.g. {@code TestEnvironment.fakeSchwabPort()}, where the app's Schwab base URL points. */
    public FakeSchwab(String token, int port) {
        this(token, token::equals, InetAddress.getLoopbackAddress(), port,
                ProviderTestCa.instance().serverCertificates().sslSocketFactory());
    }

    /** A fake on its own (the staging walk's container): bearer tokens checked by whoever issued them. */
    public FakeSchwab(java.util.function.Predicate<String> tokenValid, InetAddress bind, int port,
                      javax.net.ssl.SSLSocketFactory tls) {
        this(null, tokenValid, bind, port, tls);
    }

    private FakeSchwab(String token, java.util.function.Predicate<String> tokenValid, InetAddress bind, int port,
                       javax.net.ssl.SSLSocketFactory tls) {
        this.token = token;
        this.tokenValid = tokenValid;
        server.useHttps(tls);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return handle(request);
            }
        });
        try {
            server.start(bind, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts the fakes' CA and nothing else. */
    public static SSLContext clientContext() {
        return ProviderTestCa.instance().clientCertificates().sslContext();
    }

    public URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.getPort());
    }

    /** The same server by name, as the app's configured Schwab base URL calls it. */
    public URI localhostUrl() {
        return URI.create("https://localhost:" + server.getPort());
    }

    public String token() {
        return token;
    }

    public void accounts(Account... list) {
        accounts = List.of(list);
    }

    public void accountsBody(String raw) {
        accountsOverride = raw;
    }

    /** Adds a transaction (its JSON) to an account's history at {@code time}. */
    public void transaction(String hash, Instant time, String json) {
        transactions.computeIfAbsent(hash, h -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(time, t -> Collections.synchronizedList(new ArrayList<>())).add(json);
    }

    public void clearTransactions(String hash) {
        transactions.remove(hash);
    }

    /** The n-th transactions call (1-based, counted from now on) answers this instead. */
    public void failTransactionsCall(int n, int status, String body) {
        transactionFaults.put(transactionCalls.get() + n,
                new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body)
                        .build());
    }

    /** The n-th transactions call (from now on) answers this status with a Retry-After header (a 429, a 503). */
    public void failTransactionsCall(int n, int status, String body, String retryAfter) {
        transactionFaults.put(transactionCalls.get() + n,
                new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                        .addHeader("Retry-After", retryAfter).body(body).build());
    }

    /** The n-th transactions call (from now on) blocks until {@link #release()}; {@link #awaitHeld} sees it. */
    public void holdTransactionsCall(int n) {
        hold = new CountDownLatch(1);
        holdOnCall = transactionCalls.get() + n;
    }

    /** The next accountNumbers call (a run's first request) blocks until {@link #release()}. */
    public void holdAccountsCall() {
        hold = new CountDownLatch(1);
        holdAccounts = true;
    }

    /**
     * Runs while each request is in flight, before it is answered: a slow provider (the test moves its clock
     * here), or another replica acting meanwhile.
     */
    public void duringEachCall(Runnable action) {
        duringEachCall = action;
    }

    /** When each request arrived, by the app's (test) clock, in order: what the provider would count. */
    public List<Instant> requestTimes() {
        synchronized (requestTimes) {
            return List.copyOf(requestTimes);
        }
    }

    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
        if (hold != null) {
            hold.countDown();
        }
    }

    public int transactionCalls() {
        return transactionCalls.get();
    }

    public List<String> requests() {
        synchronized (requestTimes) {
            return List.copyOf(requests);
        }
    }

    private MockResponse handle(RecordedRequest request) throws InterruptedException {
        synchronized (requestTimes) { // the same index in both lists
            requestTimes.add(TestEnvironment.CLOCK.instant());
            requests.add(request.getMethod() + " " + request.getTarget());
        }
        duringEachCall.run();
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokenValid.test(authorization.substring("Bearer ".length()))) {
            return error(401, "Client not authorized");
        }
        String path = request.getUrl().encodedPath();
        if (path.equals("/trader/v1/accounts/accountNumbers")) {
            if (holdAccounts) {
                holdAccounts = false;
                held.countDown();
                hold.await(5, TimeUnit.MINUTES);
            }
            StringBuilder body = new StringBuilder("[");
            for (Account a : accounts) {
                body.append(body.length() > 1 ? "," : "").append("{\"accountNumber\":\"").append(a.number())
                        .append("\",\"hashValue\":\"").append(a.hash()).append("\"}");
            }
            return json(body.append(']').toString());
        }
        if (path.equals("/trader/v1/accounts")) {
            if (accountsOverride != null) {
                return json(accountsOverride);
            }
            boolean positions = "positions".equals(request.getUrl().queryParameter("fields"));
            StringBuilder body = new StringBuilder("[");
            for (Account a : accounts) {
                String entry = positions ? a.accountJson() : a.accountJson().replaceAll("\"positions\":\\[.*?\\],", "");
                body.append(body.length() > 1 ? "," : "").append(entry);
            }
            return json(body.append(']').toString());
        }
        Matcher tx = TX_PATH.matcher(path);
        if (tx.matches()) {
            return transactions(request, tx.group(1));
        }
        if (path.equals("/marketdata/v1/pricehistory")) {
            return priceHistory(request);
        }
        return error(404, "Not found");
    }

    /** A symbol's daily closes for the market data API; a raw body instead answers that (a broken answer). */
    public void closes(String symbol, NavigableMap<java.time.LocalDate, String> closes) {
        this.closes.put(symbol, closes);
    }

    public void priceHistoryBody(String symbol, String raw) {
        priceBodies.put(symbol, raw);
    }

    private final Map<String, NavigableMap<java.time.LocalDate, String>> closes = new ConcurrentHashMap<>();
    private final Map<String, String> priceBodies = new ConcurrentHashMap<>();
    private static final java.time.ZoneId CHICAGO = java.time.ZoneId.of("America/Chicago");
    private static final Map<String, Set<String>> FREQUENCIES = Map.of("day", Set.of("minute"),
            "month", Set.of("daily", "weekly"), "year", Set.of("daily", "weekly", "monthly"),
            "ytd", Set.of("daily", "weekly"));

    /**
     * {@code GET /marketdata/v1/pricehistory} as Schwab answers it: symbol required, a valid period and frequency
     * combination, startDate and endDate as epoch milliseconds; daily candles (datetime: the day's start in Central
     * time, numbers as JSON numbers) of the days in [startDate, endDate); {@code empty: true} for none.
     */
    private MockResponse priceHistory(RecordedRequest request) {
        var url = request.getUrl();
        String symbol = url.queryParameter("symbol");
        String periodType = url.queryParameter("periodType");
        String frequencyType = url.queryParameter("frequencyType");
        if (symbol == null || symbol.isBlank()) {
            return error(400, "symbol is required");
        }
        if (periodType != null && (!FREQUENCIES.containsKey(periodType) || (frequencyType != null
                && !FREQUENCIES.get(periodType).contains(frequencyType)))) {
            return error(400, "invalid periodType and frequencyType combination");
        }
        if (!"daily".equals(frequencyType) || !"1".equals(url.queryParameter("frequency"))) {
            return error(400, "the fake serves daily candles only (frequencyType=daily&frequency=1)");
        }
        Instant from;
        Instant to;
        try {
            from = Instant.ofEpochMilli(Long.parseLong(url.queryParameter("startDate")));
            to = Instant.ofEpochMilli(Long.parseLong(url.queryParameter("endDate")));
        } catch (NumberFormatException e) {
            return error(400, "startDate and endDate must be epoch milliseconds");
        }
        String raw = priceBodies.get(symbol);
        if (raw != null) {
            return json(raw);
        }
        StringBuilder candles = new StringBuilder();
        closes.getOrDefault(symbol, new java.util.TreeMap<>()).forEach((day, close) -> {
            Instant start = day.atStartOfDay(CHICAGO).toInstant();
            if (!start.isBefore(from) && start.isBefore(to)) {
                candles.append(candles.length() > 0 ? "," : "").append("{\"open\":").append(close)
                        .append(",\"high\":").append(close).append(",\"low\":").append(close).append(",\"close\":")
                        .append(close).append(",\"volume\":1000,\"datetime\":").append(start.toEpochMilli()).append('}');
            }
        });
        return json("{\"symbol\":\"" + symbol + "\",\"empty\":" + (candles.length() == 0) + ",\"candles\":["
                + candles + "]}");
    }

    private MockResponse transactions(RecordedRequest request, String hash) throws InterruptedException {
        int call = transactionCalls.incrementAndGet();
        if (call == holdOnCall) {
            held.countDown();
            hold.await(5, TimeUnit.MINUTES);
        }
        MockResponse fault = transactionFaults.remove(call);
        if (fault != null) {
            return fault;
        }
        if (accounts.stream().noneMatch(a -> a.hash().equals(hash))) {
            return error(400, "Invalid account number");
        }
        String start = request.getUrl().queryParameter("startDate");
        String end = request.getUrl().queryParameter("endDate");
        String types = request.getUrl().queryParameter("types");
        if (start == null || end == null || types == null) {
            return error(400, "startDate, endDate and types are required");
        }
        if (!DATE.matcher(start).matches() || !DATE.matcher(end).matches()) {
            return error(400, "dates must be yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        }
        for (String type : types.split(",")) {
            if (!TYPES.contains(type)) {
                return error(400, "invalid types");
            }
        }
        Instant from;
        Instant to;
        try {
            from = Instant.parse(start);
            to = Instant.parse(end);
        } catch (DateTimeParseException e) {
            return error(400, "invalid date");
        }
        if (to.isBefore(from) || Duration.between(from, to).compareTo(Duration.ofDays(366)) > 0) {
            return error(400, "date range must be within one year");
        }
        StringBuilder body = new StringBuilder(1 << 16).append('[');
        int rows = 0;
        var history = transactions.getOrDefault(hash, new ConcurrentSkipListMap<>());
        outer:
        for (List<String> atTime : history.subMap(from, true, to, true).values()) {
            synchronized (atTime) {
                for (String json : atTime) {
                    if (rows == MAX_ROWS) {
                        break outer;
                    }
                    body.append(rows++ > 0 ? "," : "").append(json);
                }
            }
        }
        return json(body.append(']').toString());
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse error(int status, String message) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body("{\"message\":\"" + message + "\",\"errors\":[\"" + message + "\"]}").build();
    }

    @Override
    public void close() {
        release();
        server.close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
        TestSyncConnections.clear();
    }
}
