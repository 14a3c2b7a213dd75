package io.dashtam.providers;

import io.dashtam.testing.ProviderTestCa;
import io.dashtam.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake Charles Schwab over HTTPS (MockWebServer, certificate from the test provider CA) on the port the app's
 * Schwab base URLs point at. It enforces what Schwab enforces: HTTP Basic client authentication, the exact
 * registered redirect_uri, single-use codes ending in '@' (decoded exactly once), a grant that ends 7 days after
 * authorization, 30-minute access tokens, and hashValue (never the plain number) in account paths. A test class
 * takes it as {@code @RegisterExtension final FakeSchwab schwab = FakeSchwab.instance();}: each test starts from a
 * clean fake and leaves one (no fault or early rejection carried into the next test or class).
 */
public final class FakeSchwab extends Dispatcher implements BeforeEachCallback, AfterEachCallback {

    public static final String CLIENT_ID = "dashtam-test-client";
    public static final String CLIENT_SECRET = "test-client-secret-1";
    public static final String ACCOUNT_NUMBER = "12345678";
    public static final String HASH_VALUE = "A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D2E3F4A5B6C7D8E9F0A1B2";

    private static volatile FakeSchwab instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Code(String redirectUri, Instant expires) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> usedCodes = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refreshCalls = new ConcurrentHashMap<>();
    private final Queue<MockResponse> tokenFaults = new ConcurrentLinkedQueue<>();
    private final Queue<String> tokenRequests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final Queue<String> issued = new ConcurrentLinkedQueue<>();
    private volatile java.util.function.Supplier<MockResponse> traderAnswer;
    private final String registeredRedirectUri;
    private final java.time.Clock clock;

    private FakeSchwab() {
        this(InetAddress.getLoopbackAddress(), TestEnvironment.takeFakeSchwabPort(),
                ProviderTestCa.instance().serverCertificates().sslSocketFactory(), redirectUri(), TestEnvironment.CLOCK);
    }

    /** A fake on its own (FakeSchwabServer: the staging walk's container), with the redirect URI registered. */
    FakeSchwab(InetAddress bind, int port, javax.net.ssl.SSLSocketFactory tls, String registeredRedirectUri,
               java.time.Clock clock) {
        this.registeredRedirectUri = registeredRedirectUri;
        this.clock = clock;
        server.useHttps(tls);
        server.setDispatcher(this);
        try {
            server.start(bind, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized FakeSchwab instance() {
        if (instance == null) {
            instance = new FakeSchwab();
        }
        return instance;
    }

    public static String redirectUri() {
        return "https://127.0.0.1:" + TestEnvironment.callbackListenerPort();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        reset();
    }

    /** Forget every code, token, counter and pending fault (per test). */
    public void reset() {
        codes.clear();
        usedCodes.clear();
        refreshTokens.clear();
        accessTokens.clear();
        refreshCalls.clear();
        tokenFaults.clear();
        tokenRequests.clear();
        tokenCalls.set(0);
        issued.clear();
        traderAnswer = null;
    }

    /** Every access and refresh token this fake handed out (to prove none is stored in plaintext). */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    /** The next token call gets this answer instead (401, 500, garbage, a stall...). */
    public void failNextTokenCall(MockResponse response) {
        tokenFaults.add(response);
    }

    public static MockResponse stalled() {
        return new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS)
                .body("{}").build();
    }

    public int tokenCalls() {
        return tokenCalls.get();
    }

    /** Raw form bodies the token endpoint received, in order. */
    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public int refreshCallsFor(String refreshToken) {
        return refreshCalls.getOrDefault(refreshToken, new AtomicInteger()).get();
    }

    /** A grant as if authorized at {@code authorizedAt}: its refresh token works until 7 days later. */
    public String grant(Instant authorizedAt) {
        String refresh = "R." + UUID.randomUUID() + "@";
        refreshTokens.put(refresh, authorizedAt.plus(Duration.ofDays(7)));
        return refresh;
    }

    public boolean isAccessTokenValid(String token) {
        Instant expiry = accessTokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/v1/oauth/authorize") && request.getMethod().equals("GET")) {
            return authorize(request);
        }
        if (path.equals("/v1/oauth/token") && request.getMethod().equals("POST")) {
            tokenCalls.incrementAndGet();
            MockResponse fault = tokenFaults.poll();
            return fault != null ? fault : token(request);
        }
        if (path.startsWith("/trader/v1/")) {
            return trader(request, path.substring("/trader/v1".length()));
        }
        return json(404, Map.of("message", "Not found"));
    }

    /** Schwab shows its login here; the fake approves at once and redirects like Schwab does. */
    private MockResponse authorize(RecordedRequest request) {
        var url = request.getUrl();
        if (!CLIENT_ID.equals(url.queryParameter("client_id"))) {
            return json(400, Map.of("error", "invalid_client"));
        }
        if (!registeredRedirectUri.equals(url.queryParameter("redirect_uri"))) {
            return json(400, Map.of("error", "invalid_request", "error_description", "redirect_uri mismatch"));
        }
        if (!"code".equals(url.queryParameter("response_type"))) {
            return json(400, Map.of("error", "unsupported_response_type"));
        }
        String code = "C0." + UUID.randomUUID().toString().replace("-", "") + "@";
        codes.put(code, new Code(url.queryParameter("redirect_uri"), clock.instant().plusSeconds(30 * 60)));
        String location = url.queryParameter("redirect_uri") + "?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&session=" + UUID.randomUUID() + "&state=" + URLEncoder.encode(url.queryParameter("state"),
                        StandardCharsets.UTF_8);
        return new MockResponse.Builder().code(302).setHeader("Location", location).build();
    }

    private MockResponse token(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeaders().get("Authorization"))) {
            return json(401, Map.of("error", "invalid_client", "error_description", "Unauthorized"));
        }
        String contentType = request.getHeaders().get("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            return json(400, Map.of("error", "invalid_request"));
        }
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        tokenRequests.add(body);
        Map<String, String> form = form(body);
        Instant now = clock.instant();
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                String code = form.get("code");
                Code issued = code == null ? null : codes.get(code);
                if (issued == null || usedCodes.putIfAbsent(code, true) != null || !code.endsWith("@")
                        || now.isAfter(issued.expires())) {
                    return json(400, Map.of("error", "invalid_grant", "error_description", "bad authorization code"));
                }
                if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
                    return json(400, Map.of("error", "invalid_grant", "error_description", "redirect_uri mismatch"));
                }
                return tokens(grant(now), now);
            }
            case "refresh_token" -> {
                String refresh = form.get("refresh_token");
                Instant end = refresh == null ? null : refreshTokens.get(refresh);
                if (end == null || !now.isBefore(end)) {
                    return json(400, Map.of("error", "invalid_grant", "error_description", "refresh token expired"));
                }
                refreshCalls.computeIfAbsent(refresh, k -> new AtomicInteger()).incrementAndGet();
                return tokens(refresh, now);
            }
            default -> {
                return json(400, Map.of("error", "unsupported_grant_type"));
            }
        }
    }

    private MockResponse tokens(String refresh, Instant now) {
        String access = "A." + UUID.randomUUID();
        accessTokens.put(access, now.plus(Duration.ofMinutes(30)));
        issued.add(access);
        issued.add(refresh);
        Map<String, Object> body = new HashMap<>();
        body.put("expires_in", 1800);
        body.put("token_type", "Bearer");
        body.put("scope", "api");
        body.put("refresh_token", refresh);
        body.put("access_token", access);
        body.put("id_token", "I." + UUID.randomUUID());
        return json(200, body);
    }

    private final AtomicInteger traderCalls = new AtomicInteger();

    /** An access token valid for 30 minutes, as if issued by a refresh just now (for seeded connections). */
    public String issueAccessToken() {
        String access = "A." + UUID.randomUUID();
        accessTokens.put(access, clock.instant().plus(Duration.ofMinutes(30)));
        issued.add(access);
        return access;
    }

    /** Every access token issued so far is refused from now on (revoked early, key rotated): HTTP 401. */
    public void rejectAccessTokensEarly() {
        accessTokens.clear();
    }

    /**
     * Every trader-API call answers this error from now on, whatever its token (403: access withdrawn at Schwab;
     * 401: even a freshly refreshed token refused), worded as the trader API words errors.
     */
    public void answerTraderCalls(int status, String message) {
        traderAnswer = () -> json(status, Map.of("message", message, "errors", List.of(message)));
    }

    /** Trader-API calls received (any answer). */
    public int traderCalls() {
        return traderCalls.get();
    }

    /**
     * What Schwab answers a refresh with a dead refresh token: HTTP 400 {@code unsupported_token_type} wrapping
     * {@code refresh_token_authentication_error} in its description.
     */
    public static MockResponse deadRefreshToken() {
        return json(400, Map.of("error", "unsupported_token_type", "error_description",
                "400 Bad Request: \"{\"error_description\":\"Exception while authenticating refresh token "
                        + "[e3f...]: Failed refresh token authentication\",\"error\":"
                        + "\"refresh_token_authentication_error\"}\""));
    }

    private MockResponse trader(RecordedRequest request, String path) {
        traderCalls.incrementAndGet();
        var fixed = traderAnswer;
        if (fixed != null) {
            return fixed.get();
        }
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !isAccessTokenValid(auth.substring(7))) {
            return json(401, Map.of("message", "Client not authorized", "errors", List.of("Client not authorized")));
        }
        if (path.equals("/accounts/accountNumbers")) {
            return json(200, List.of(Map.of("accountNumber", ACCOUNT_NUMBER, "hashValue", HASH_VALUE)));
        }
        if (path.equals("/accounts")) {
            return json(200, List.of(Map.of("securitiesAccount", Map.of("type", "CASH", "accountNumber",
                    ACCOUNT_NUMBER, "currentBalances", Map.of("cashBalance", 25, "liquidationValue", 25)),
                    "aggregatedBalance", Map.of("liquidationValue", 25))));
        }
        if (path.startsWith("/accounts/") && path.endsWith("/transactions")) {
            return path.contains(HASH_VALUE) ? json(200, List.of())
                    : json(400, Map.of("message", "Invalid account number"));
        }
        if (path.startsWith("/accounts/")) {
            String account = path.substring("/accounts/".length()).split("/")[0];
            if (!account.equals(HASH_VALUE)) {
                return json(400, Map.of("message", "Invalid account number", "errors", List.of("Invalid account number")));
            }
            return json(200, Map.of("securitiesAccount", Map.of("type", "CASH", "accountNumber", ACCOUNT_NUMBER)));
        }
        return json(404, Map.of("message", "Not found"));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }
}
