package io.dashtam.simplefin;

import io.dashtam.testing.ProviderTestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A strict fake SimpleFIN bridge over HTTPS (certificate from the test provider CA). It enforces the protocol: a
 * claim is a POST without a body and works once (then 403, as does an unknown token); {@code /accounts} is a GET
 * with the access URL's Basic credentials (else 403), integer epoch {@code start-date}/{@code end-date} with
 * start before end (else 400). Tests set the Account Set it answers and can revoke access (403) or demand payment
 * (402).
 */
public final class FakeSimplefinBridge extends Dispatcher implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Boolean> claimTokens = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Queue<String> accountQueries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger claims = new AtomicInteger();
    private final List<String> issuedAccessUrls = new ArrayList<>();
    private volatile String accountSet = "{\"errors\": [], \"accounts\": []}";
    private volatile boolean paymentRequired;

    public FakeSimplefinBridge() {
        server.useHttps(ProviderTestCa.instance().serverCertificates().sslSocketFactory());
        server.setDispatcher(this);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "https://localhost:" + server.getPort() + "/simplefin";
    }

    /** A fresh setup token: base64 of this bridge's claim URL. */
    public String setupToken() {
        String token = UUID.randomUUID().toString();
        claimTokens.put(token, false);
        return Base64.getEncoder().encodeToString((base() + "/claim/" + token).getBytes(StandardCharsets.UTF_8));
    }

    public void answer(String accountSetJson) {
        this.accountSet = accountSetJson;
    }

    public void revokeAll() {
        passwords.clear();
    }

    public void paymentRequired(boolean required) {
        this.paymentRequired = required;
    }

    public List<String> accountQueries() {
        return List.copyOf(accountQueries);
    }

    int claims() {
        return claims.get();
    }

    synchronized List<String> issuedAccessUrls() {
        return List.copyOf(issuedAccessUrls);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/simplefin/claim/")) {
            return claim(request, path.substring("/simplefin/claim/".length()));
        }
        if (path.equals("/simplefin/accounts")) {
            return accounts(request);
        }
        return text(404, "Not found");
    }

    private MockResponse claim(RecordedRequest request, String token) {
        claims.incrementAndGet();
        if (!request.getMethod().equals("POST") || request.getBody() != null && request.getBody().size() > 0) {
            return text(405, "POST an empty body");
        }
        Boolean claimed = claimTokens.replace(token, true);
        if (claimed == null || claimed) {
            return text(403, "Forbidden");
        }
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        passwords.put(user, password);
        String access = "https://" + user + ":" + password + "@localhost:" + server.getPort() + "/simplefin";
        synchronized (this) {
            issuedAccessUrls.add(access);
        }
        return text(200, access);
    }

    private MockResponse accounts(RecordedRequest request) {
        if (!request.getMethod().equals("GET")) {
            return text(405, "GET only");
        }
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Basic ")) {
            return text(403, "Forbidden");
        }
        String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        if (colon < 0 || !pair.substring(colon + 1).equals(passwords.get(pair.substring(0, colon)))) {
            return text(403, "Forbidden");
        }
        var url = request.getUrl();
        String start = url.queryParameter("start-date");
        String end = url.queryParameter("end-date");
        if (start == null || end == null || !start.matches("\\d+") || !end.matches("\\d+")
                || Long.parseLong(start) >= Long.parseLong(end)) {
            return text(400, "start-date and end-date must be epoch seconds, start before end");
        }
        accountQueries.add(url.encodedQuery());
        if (paymentRequired) {
            return text(402, "Payment Required");
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(accountSet).build();
    }

    private static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
