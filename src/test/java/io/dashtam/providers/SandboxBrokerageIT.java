package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A new user connects the built-in sandbox brokerage over the real flow (state, PKCE, HTTPS) and reads it. */
class SandboxBrokerageIT extends IntegrationTest {

    @Autowired
    ProviderAccess access;

    record Connected(Caller user, String id, ProviderSession session) {
    }

    Connected connectSandbox() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Play money"))
                .json().get("id").asString();
        var auth = user.client().get("/api/v1/connections/" + id + "/authorization").json();
        URI authorize = URI.create(auth.get("authorizationUrl").asString());
        assertThat(authorize.getPath()).isEqualTo("/sandbox/v1/oauth/authorize");
        assertThat(authorize.getQuery()).contains("code_challenge=").contains("code_challenge_method=S256");
        String connect = auth.get("connectUrl").asString();
        assertThat(connect).startsWith(api().baseUrl() + "/oauth/connect?link=");

        Browser browser = new Browser();
        var toProvider = browser.get(connect);
        assertThat(toProvider.statusCode()).isEqualTo(302);
        var page = browser.get(Browser.location(toProvider));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"").contains("Allow");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'").contains("form-action 'self' " + api().baseUrl())
                .doesNotContain("script-src");
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize",
                hiddenFields(page.body()) + "&decision=allow");
        assertThat(decided.statusCode()).isEqualTo(302);
        String callback = Browser.location(decided);
        assertThat(callback).startsWith(api().baseUrl() + "/oauth/sandbox/callback?code=").contains("%40");
        var done = browser.get(callback);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected");
        return new Connected(user, id, access.open(new ConnectionId(UUID.fromString(id))));
    }

    static String hiddenFields(String html) {
        var m = java.util.regex.Pattern.compile("type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(html);
        StringBuilder form = new StringBuilder();
        while (m.find()) {
            String value = m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">");
            form.append(form.isEmpty() ? "" : "&").append(m.group(1)).append('=')
                    .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    JsonNode getJson(ProviderSession session, String path, int expectedStatus) {
        var response = SchwabOAuthIT.send(session, path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
        return TestClient.JSON.readTree(response.body());
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString().replaceAll("Z$", "")
                .replaceAll("^(.*T\\d\\d:\\d\\d:\\d\\d)$", "$1.000") + "Z";
    }

    @Test
    void aNewUserConnectsTheSandboxAndReadsSchwabShapedData() {
        var c = connectSandbox();
        assertThat(c.session().apiBaseUrl().toString()).isEqualTo(api().baseUrl() + "/sandbox");
        assertThat(c.user().client().get("/api/v1/connections/" + c.id()).json().get("status").asString())
                .isEqualTo("active");

        JsonNode numbers = getJson(c.session(), "/trader/v1/accounts/accountNumbers", 200);
        assertThat(numbers.size()).isEqualTo(2);
        String hash = numbers.get(0).get("hashValue").asString();
        String plain = numbers.get(0).get("accountNumber").asString();

        JsonNode accounts = getJson(c.session(), "/trader/v1/accounts?fields=positions", 200);
        assertThat(accounts.findValuesAsString("type")).contains("CASH", "MARGIN");
        JsonNode first = accounts.get(0).get("securitiesAccount");
        JsonNode position = first.get("positions").get(0);
        for (String field : new String[] {"longQuantity", "shortQuantity", "averagePrice", "marketValue",
                "longOpenProfitLoss"}) {
            assertThat(position.has(field)).as(field).isTrue();
        }
        assertThat(position.get("instrument").get("symbol").asString()).isNotBlank();
        assertThat(first.has("initialBalances") && first.has("currentBalances") && first.has("projectedBalances"))
                .isTrue();
        assertThat(accounts.get(0).get("aggregatedBalance").has("liquidationValue")).isTrue();
        assertThat(getJson(c.session(), "/trader/v1/accounts/" + hash, 200).get("securitiesAccount")
                .has("positions")).isFalse();

        Instant now = clock.instant();
        String window = "?startDate=" + iso(now.minus(Duration.ofDays(364))) + "&endDate=" + iso(now)
                + "&types=TRADE,ACH_RECEIPT,DIVIDEND_OR_INTEREST";
        JsonNode transactions = getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions" + window, 200);
        assertThat(transactions.size()).isGreaterThan(60);
        JsonNode tx = transactions.get(0);
        for (String field : new String[] {"activityId", "time", "description", "type", "status", "tradeDate",
                "settlementDate", "netAmount", "transferItems"}) {
            assertThat(tx.has(field)).as(field).isTrue();
        }
        assertThat(transactions.findValuesAsString("status")).contains("VALID");
        // Deterministic: the same window gives the same rows.
        assertThat(getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions" + window, 200))
                .isEqualTo(transactions);

        // Schwab's rules.
        assertThat(getJson(c.session(), "/trader/v1/accounts/" + plain, 400).get("message").asString())
                .isEqualTo("Invalid account number");
        getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions?startDate=" + iso(now.minus(Duration
                .ofDays(3))) + "&endDate=" + iso(now), 400);
        getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions?startDate=" + iso(now.minus(Duration
                .ofDays(400))) + "&endDate=" + iso(now) + "&types=TRADE", 400);
        getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions?startDate=2024-01-01&endDate="
                + iso(now) + "&types=TRADE", 400);
    }

    @Test
    void pendingTransactionsPostLaterUnderTheSameActivityId() {
        var c = connectSandbox();
        String hash = getJson(c.session(), "/trader/v1/accounts/accountNumbers", 200).get(0).get("hashValue")
                .asString();
        Instant now = clock.instant();
        String window = "?startDate=" + iso(now.minus(Duration.ofDays(30))) + "&endDate=" + iso(now.plus(
                Duration.ofDays(5))) + "&types=TRADE,ACH_RECEIPT,DIVIDEND_OR_INTEREST";
        Map<Long, String> before = statuses(getJson(c.session(), "/trader/v1/accounts/" + hash + "/transactions"
                + window, 200));
        clock.advance(Duration.ofDays(3));
        var later = access.open(c.session().id());
        Map<Long, String> after = statuses(getJson(later, "/trader/v1/accounts/" + hash + "/transactions" + window,
                200));
        before.forEach((id, status) -> assertThat(after.get(id)).as("activity " + id).isEqualTo("VALID"));
    }

    static Map<Long, String> statuses(JsonNode transactions) {
        Map<Long, String> out = new LinkedHashMap<>();
        transactions.forEach(t -> out.put(t.get("activityId").asLong(), t.get("status").asString()));
        return out;
    }

    @Test
    void sandboxTokenEndpointEnforcesClientAuthAndSingleUseCodes() {
        TestClient client = api();
        var noAuth = client.send("POST", "/sandbox/v1/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=authorization_code&code=x%40&redirect_uri=x", Map.of());
        assertThat(noAuth.status()).isEqualTo(401);
        assertThat(noAuth.json().get("error").asString()).isEqualTo("invalid_client");
        var wrongSecret = client.send("POST", "/sandbox/v1/oauth/token", "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=x", Map.of("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString("dashtam-sandbox:wrong".getBytes())));
        assertThat(wrongSecret.status()).isEqualTo(401);
        var unauthenticatedApi = client.get("/sandbox/trader/v1/accounts/accountNumbers");
        assertThat(unauthenticatedApi.status()).isEqualTo(401);
        var badAuthorize = new Browser().get(api().baseUrl() + "/sandbox/v1/oauth/authorize?client_id=dashtam-sandbox"
                + "&redirect_uri=https://evil.example/cb&response_type=code&state=s&code_challenge="
                + "a".repeat(43) + "&code_challenge_method=S256");
        assertThat(badAuthorize.statusCode()).isEqualTo(400);
        assertThat(badAuthorize.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void deniedAtTheSandboxKeepsTheConnectionPending() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Denied"))
                .json().get("id").asString();
        var auth = user.client().get("/api/v1/connections/" + id + "/authorization").json();
        Browser browser = new Browser();
        var page = browser.get(Browser.location(browser.get(auth.get("connectUrl").asString())));
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize",
                hiddenFields(page.body()) + "&decision=deny");
        String callback = Browser.location(decided);
        assertThat(URLDecoder.decode(callback, StandardCharsets.UTF_8)).contains("error=access_denied");
        assertThat(browser.get(callback).body()).contains("Not connected");
        assertThat(user.client().get("/api/v1/connections/" + id).json().get("status").asString())
                .isEqualTo("pending");
    }
}
