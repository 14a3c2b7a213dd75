package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.providers.authorization.CallbackListener;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The full Schwab authorization-code flow against the fake Schwab, through the listener and the app route. */
class SchwabOAuthIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    ProviderAccess access;
    @Autowired
    CallbackListener listener;
    @Autowired
    ConnectionActivatedRecorder activations;

    String newSchwabConnection(Caller user) {
        var created = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias",
                "Schwab " + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** Steps 1-3 of the dance: the API's connect link, the provider's authorize page, its redirect back. */
    record Callback(Browser browser, String callbackUrl, String authorizationUrl) {
    }

    Callback startAndApprove(Caller user, String connectionId, boolean onApp) {
        var auth = user.client().get("/api/v1/connections/" + connectionId + "/authorization");
        assertThat(auth.status()).isEqualTo(200);
        String authorizationUrl = auth.json().get("authorizationUrl").asString();
        String connectUrl = auth.json().get("connectUrl").asString();
        assertThat(connectUrl).startsWith(FakeSchwab.redirectUri() + "/oauth/connect?link=");
        if (onApp) {
            connectUrl = api().baseUrl() + connectUrl.substring(FakeSchwab.redirectUri().length());
        }
        Browser browser = new Browser();
        var connect = browser.get(connectUrl);
        assertThat(connect.statusCode()).isEqualTo(302);
        assertThat(Browser.location(connect)).isEqualTo(authorizationUrl);
        String setCookie = connect.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        var approved = browser.get(authorizationUrl);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        String callback = Browser.location(approved);
        assertThat(callback).startsWith(FakeSchwab.redirectUri() + "?code=").contains("%40");
        if (onApp) {
            callback = api().baseUrl() + "/oauth/schwab/callback" + callback.substring(callback.indexOf('?'));
        }
        return new Callback(browser, callback, authorizationUrl);
    }

    @Test
    void authorizationUrlFollowsSchwabsProtocol() {
        var user = newUser();
        String id = newSchwabConnection(user);
        var auth = user.client().get("/api/v1/connections/" + id + "/authorization");
        URI url = URI.create(auth.json().get("authorizationUrl").asString());
        assertThat(url.getScheme() + "://" + url.getAuthority() + url.getPath())
                .isEqualTo("https://localhost:" + io.dashtam.testing.TestEnvironment.fakeSchwabPort() + "/v1/oauth/authorize");
        assertThat(url.getQuery()).contains("client_id=" + FakeSchwab.CLIENT_ID)
                .contains("redirect_uri=" + FakeSchwab.redirectUri()).contains("response_type=code")
                .contains("state=").doesNotContain("code_challenge");
        assertThat(auth.header("Cache-Control")).contains("no-store");

        var redirect = user.client().get("/api/v1/connections/" + id + "/authorization/redirect");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).startsWith(FakeSchwab.redirectUri() + "/oauth/connect?link=");
    }

    @Test
    void fullFlowThroughTheListener() throws Exception {
        var user = newUser();
        String id = newSchwabConnection(user);
        var cb = startAndApprove(user, id, false);
        var done = cb.browser().get(cb.callbackUrl());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected");
        // Served on the listener port, the way back points at the app's own port (a relative link was a 404 here).
        assertThat(done.uri().getPort()).isNotEqualTo(port);
        assertThat(done.body()).contains("<a href=\"https://localhost:" + port + "/app/connections\">");
        assertThat(done.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(done.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(done.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(done.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(done.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");

        // The code went back decoded once, with the exact redirect URI and Basic client authentication.
        assertThat(schwab.tokenRequests()).hasSize(1);
        assertThat(schwab.tokenRequests().get(0)).contains("grant_type=authorization_code")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(FakeSchwab.redirectUri(), "UTF-8"))
                .containsPattern("code=C0\\.[0-9a-f]+%40(&|$)");

        assertConnectedThenRefreshAndDisconnect(user, id);
    }

    @Test
    void fullFlowThroughTheAppRoute() {
        var user = newUser();
        String id = newSchwabConnection(user);
        var cb = startAndApprove(user, id, true);
        var done = cb.browser().get(cb.callbackUrl());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected");
        assertThat(done.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertConnectedThenRefreshAndDisconnect(user, id);
    }

    private void assertConnectedThenRefreshAndDisconnect(Caller user, String id) {
        ConnectionId connectionId = new ConnectionId(UUID.fromString(id));
        var connection = user.client().get("/api/v1/connections/" + id).json();
        assertThat(connection.get("status").asString()).isEqualTo("active");
        assertThat(activations.events()).anyMatch(e -> e.connectionId().equals(connectionId)
                && e.userId().value().toString().equals(user.userId()) && e.providerKey().equals("schwab"));

        // Stored encrypted: no token the fake issued appears anywhere in the row.
        var row = jdbc.sql("SELECT key_id, sealed, token_type FROM provider_tokens WHERE connection_id = :id")
                .param("id", connectionId.value()).query().singleRow();
        String raw = new String((byte[]) row.get("sealed"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(schwab.issuedTokens()).isNotEmpty().allSatisfy(t -> assertThat(raw).doesNotContain(t));
        String dump = jdbc.sql("SELECT string_agg(t::text, '|') FROM provider_tokens t").query(String.class).single();
        assertThat(schwab.issuedTokens()).allSatisfy(t -> assertThat(dump).doesNotContain(t));
        var status = user.client().get("/api/v1/connections/" + id + "/token");
        assertThat(status.json().get("connected").asBoolean()).isTrue();
        assertThat(status.json().get("expiresAt").isNull()).isFalse();
        assertThat(status.json().get("refreshDeadline").isNull()).isFalse();
        assertThat(status.body()).doesNotContain("A.").doesNotContain("R.");

        // The sync engine's view: a session whose token works on the provider.
        ProviderSession session = access.open(connectionId);
        assertThat(schwab.isAccessTokenValid(session.accessToken().value())).isTrue();
        var accounts = send(session, "/trader/v1/accounts/accountNumbers");
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains(FakeSchwab.HASH_VALUE);

        // 26 minutes later the token expires within 5 minutes: open() refreshes first.
        clock.advance(Duration.ofMinutes(26));
        int calls = schwab.tokenCalls();
        ProviderSession fresh = access.open(connectionId);
        assertThat(schwab.tokenCalls()).isEqualTo(calls + 1);
        assertThat(fresh.accessToken().value()).isNotEqualTo(session.accessToken().value());
        assertThat(schwab.isAccessTokenValid(fresh.accessToken().value())).isTrue();
        // and not again while the new token is fresh
        access.open(connectionId);
        assertThat(schwab.tokenCalls()).isEqualTo(calls + 1);

        // Manual refresh (the user's own API token expired meanwhile: log in again).
        var again = relogin(user);
        var manual = again.client().post("/api/v1/connections/" + id + "/token/refresh", Map.of());
        assertThat(manual.status()).as(manual.body()).isEqualTo(200);
        assertThat(schwab.tokenCalls()).isEqualTo(calls + 2);

        // Disconnect.
        var disconnected = again.client().delete("/api/v1/connections/" + id + "/token");
        assertThat(disconnected.status()).isEqualTo(200);
        assertThat(disconnected.json().get("status").asString()).isEqualTo("revoked");
        assertThat(disconnected.json().get("connected").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM provider_tokens WHERE connection_id = :id")
                .param("id", connectionId.value()).query(Long.class).single()).isZero();
        assertThatThrownBy(() -> access.open(connectionId)).isInstanceOf(ConnectionUnusableException.class)
                .hasMessageContaining("revoked");

        // Every token operation is audited with who, where from and the outcome.
        var audit = jdbc.sql("""
                SELECT action, outcome, ip, user_agent FROM audit_log WHERE subject = :s ORDER BY id""")
                .param("s", "connection:" + id).query().listOfRows();
        assertThat(audit).extracting(r -> r.get("action")).contains("provider.token.stored",
                "provider.token.refreshed", "provider.token.revoked");
        assertThat(audit).filteredOn(r -> r.get("action").equals("provider.token.stored"))
                .allSatisfy(r -> assertThat(r.get("user_agent")).isEqualTo("TestBrowser/1.0"));
        assertThat(jdbc.sql("SELECT string_agg(details::text, '|') FROM audit_log").query(String.class).single())
                .satisfies(d -> assertThat(schwab.issuedTokens()).allSatisfy(t -> assertThat(d).doesNotContain(t)));
    }

    Caller relogin(Caller user) {
        var login = api().post("/api/v1/sessions", Map.of("email", user.email(), "password", PASSWORD));
        String token = login.json().get("accessToken").asString();
        return new Caller(user.userId(), user.email(), token, login.json().get("refreshToken").asString(),
                api().as(token));
    }

    static HttpResponse<String> send(ProviderSession session, String path) {
        try {
            return session.httpClient().send(HttpRequest.newBuilder(session.resolve(path))
                    .header("Authorization", "Bearer " + session.accessToken().value())
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theListenerPortServesTheCallbackAndNothingElse() {
        var listenerPort = new io.dashtam.testing.TestClient(FakeSchwab.redirectUri(),
                io.dashtam.testing.TestTls.instance().sslContext());
        for (String path : java.util.List.of("/api/v1/providers", "/health", "/docs", "/oauth/schwab/callback?state=x",
                "/sandbox/v1/oauth/authorize", "/oauth/listener/not-found")) {
            var answer = listenerPort.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Strict-Transport-Security")).as(path).isNotNull();
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        // The callback itself answers (here: no state), with the same headers as the app's own route.
        var callback = listenerPort.get("/?code=x");
        assertThat(callback.status()).isEqualTo(400);
        assertThat(callback.header("Content-Security-Policy")).contains("default-src 'none'");
        // Its result page is styled by the one stylesheet it links, served on this port too (CSP: styles from self).
        var page = listenerPort.send(listenerPort.request("/?code=x").setHeader("Accept", "text/html").GET());
        assertThat(page.body()).contains("<link rel=\"stylesheet\" href=\"" + CallbackListener.STYLESHEET + "\">");
        // "Back to your connections": absolute, to the app's port; there it is a page, here it would be a 404.
        var back = java.util.regex.Pattern.compile("<a href=\"([^\"]+)\">Back to your connections")
                .matcher(page.body());
        assertThat(back.find()).as(page.body()).isTrue();
        assertThat(back.group(1)).isEqualTo("https://localhost:" + port + "/app/connections");
        var followed = api().send(api().request(back.group(1)).setHeader("Accept", "text/html").GET());
        assertThat(followed.status()).as("signed out: to the sign-in page").isEqualTo(303);
        assertThat(followed.header("Location")).endsWith("/app/signin");
        assertThat(listenerPort.send(listenerPort.request("/app/connections").setHeader("Accept", "text/html").GET())
                .status()).isEqualTo(404);
        var stylesheet = listenerPort.get(CallbackListener.STYLESHEET);
        assertThat(stylesheet.status()).isEqualTo(200);
        assertThat(stylesheet.contentType()).startsWith("text/css");
        assertThat(stylesheet.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(listenerPort.get("/assets/app.js").status()).isEqualTo(404);
        // ...and the listener's route is not reachable on the app's port.
        assertThat(api().get("/oauth/listener/callback?state=x&code=y").status()).isEqualTo(404);
    }

    @Test
    void listenerBindsTheRegisteredRedirectPortOverTlsOnly() throws Exception {
        assertThat(listener.port()).isEqualTo(io.dashtam.testing.TestEnvironment.callbackListenerPort());
        var plain = java.net.http.HttpClient.newHttpClient();
        // Plain HTTP gets Tomcat's TLS-required refusal, exactly as on the app's own port: no callback, no page.
        var cleartext = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port()
                + "/?state=x&code=y")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleartext.statusCode()).isEqualTo(400);
        assertThat(cleartext.body()).contains("requires TLS").doesNotContain("Dashtam");
        var untrusting = java.net.http.HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(FakeSchwab.redirectUri() + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(javax.net.ssl.SSLException.class);
    }
}
