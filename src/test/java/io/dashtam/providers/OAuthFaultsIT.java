package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dashtam.core.Secret;
import io.dashtam.providers.authorization.OAuthTokenClient;
import io.dashtam.providers.authorization.TokenEndpointException;
import io.dashtam.providers.connections.ProviderRegistry;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.ProviderTestCa;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input and provider faults: each leaves the connection as it was, with nothing half-stored. */
class OAuthFaultsIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    OAuthTokenClient tokenClient;
    @Autowired
    ProviderRegistry registry;

    record Flow(Caller user, String id, Browser browser, String callbackUrl) {
    }

    /** Up to the provider's redirect back to us, not yet followed. */
    Flow approvedFlow() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "S"))
                .json().get("id").asString();
        var auth = user.client().get("/api/v1/connections/" + id + "/authorization").json();
        Browser browser = new Browser();
        var connect = browser.get(auth.get("connectUrl").asString());
        var approved = browser.get(Browser.location(connect));
        return new Flow(user, id, browser, Browser.location(approved));
    }

    void assertNothingStored(Flow flow, String expectedStatus) {
        assertThat(flow.user().client().get("/api/v1/connections/" + flow.id()).json().get("status").asString())
                .isEqualTo(expectedStatus);
        assertThat(jdbc.sql("SELECT count(*) FROM provider_tokens WHERE connection_id = :id")
                .param("id", UUID.fromString(flow.id())).query(Long.class).single()).isZero();
    }

    static String withoutParam(String url, String name) {
        return url.replaceAll("([?&])" + name + "=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    @Test
    void missingStateIs400AndStoresNothing() {
        var flow = approvedFlow();
        var response = flow.browser().get(withoutParam(flow.callbackUrl(), "state"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Not connected");
        assertNothingStored(flow, "pending");
    }

    @Test
    void unknownStateIs400() {
        var flow = approvedFlow();
        var response = flow.browser().get(flow.callbackUrl().replaceAll("state=[^&]*", "state=forged"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertNothingStored(flow, "pending");
    }

    @Test
    void expiredStateIs400() {
        var flow = approvedFlow();
        clock.advance(Duration.ofMinutes(11));
        var response = flow.browser().get(flow.callbackUrl());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("expired");
        clock.reset();
        assertNothingStored(flow, "pending");
        assertThat(schwab.tokenCalls()).isZero();
    }

    @Test
    void reusedStateIs400() {
        var flow = approvedFlow();
        assertThat(flow.browser().get(flow.callbackUrl()).statusCode()).isEqualTo(200);
        int calls = schwab.tokenCalls();
        var replay = flow.browser().get(flow.callbackUrl());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains("already used");
        assertThat(schwab.tokenCalls()).isEqualTo(calls);
    }

    @Test
    void anotherUsersBrowserCannotCompleteTheFlow() {
        var victimFlow = approvedFlow();
        // An attacker's own flow gives their browser a cookie; it does not match the victim's state.
        var attacker = approvedFlow();
        var response = attacker.browser().get(victimFlow.callbackUrl());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("did not start");
        // A browser without any cookie is refused too.
        assertThat(new Browser().get(victimFlow.callbackUrl()).statusCode()).isEqualTo(400);
        assertNothingStored(victimFlow, "pending");
        assertNothingStored(attacker, "pending");
        assertThat(schwab.tokenCalls()).isZero();
        // The rightful browser can still finish.
        assertThat(victimFlow.browser().get(victimFlow.callbackUrl()).statusCode()).isEqualTo(200);
    }

    @Test
    void connectLinkWorksOnce() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "S"))
                .json().get("id").asString();
        String link = user.client().get("/api/v1/connections/" + id + "/authorization").json()
                .get("connectUrl").asString();
        assertThat(new Browser().get(link).statusCode()).isEqualTo(302);
        var again = new Browser().get(link);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void accessDeniedKeepsPendingAndIsAudited() {
        var flow = approvedFlow();
        String denied = withoutParam(flow.callbackUrl(), "code") + "&error=access_denied";
        var response = flow.browser().get(denied);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Not connected").contains("access_denied");
        assertNothingStored(flow, "pending");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'provider.authorization.denied' "
                + "AND subject = :s AND outcome = 'failure'").param("s", "connection:" + flow.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    void assertTokenFaultIs502(MockResponse fault) {
        var flow = approvedFlow();
        schwab.failNextTokenCall(fault);
        var response = flow.browser().getJson(flow.callbackUrl());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":502");
        assertNothingStored(flow, "pending");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'provider.token.exchange_failed' "
                + "AND subject = :s").param("s", "connection:" + flow.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void tokenEndpoint401Is502() {
        assertTokenFaultIs502(FakeSchwab.json(401, Map.of("error", "invalid_client")));
    }

    @Test
    void tokenEndpoint5xxIs502() {
        assertTokenFaultIs502(FakeSchwab.json(503, Map.of("message", "down")));
    }

    @Test
    void tokenEndpointGarbageIs502() {
        assertTokenFaultIs502(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html>maintenance</html>").build());
        assertTokenFaultIs502(FakeSchwab.json(200, Map.of("access_token", "x", "token_type", "Bearer")));
    }

    @Test
    void tokenEndpointTimeoutIs502() {
        assertTokenFaultIs502(FakeSchwab.stalled());
    }

    @Test
    void refreshRejectedWithInvalidClientMeansReauthRequired() {
        var flow = approvedFlow();
        assertThat(flow.browser().get(flow.callbackUrl()).statusCode()).isEqualTo(200);
        schwab.failNextTokenCall(FakeSchwab.json(401, Map.of("error", "invalid_client")));
        var refresh = flow.user().client().post("/api/v1/connections/" + flow.id() + "/token/refresh", Map.of());
        assertThat(refresh.status()).isEqualTo(409);
        assertThat(refresh.contentType()).startsWith("application/problem+json");
        var connection = flow.user().client().get("/api/v1/connections/" + flow.id()).json();
        assertThat(connection.get("status").asString()).isEqualTo("reauth_required");
        assertThat(connection.get("statusReason").asString()).contains("invalid_client");
        assertThat(jdbc.sql("SELECT action FROM audit_log WHERE subject = :s ORDER BY id")
                .param("s", "connection:" + flow.id()).query(String.class).list())
                .contains("provider.token.refresh_failed", "provider.connection.reauth_required");
    }

    @Test
    void refreshOnAProviderOutageBacksOffAndKeepsTheConnection() {
        var flow = approvedFlow();
        assertThat(flow.browser().get(flow.callbackUrl()).statusCode()).isEqualTo(200);
        schwab.failNextTokenCall(FakeSchwab.json(500, Map.of("message", "oops")));
        var refresh = flow.user().client().post("/api/v1/connections/" + flow.id() + "/token/refresh", Map.of());
        assertThat(refresh.status()).isEqualTo(502);
        var status = flow.user().client().get("/api/v1/connections/" + flow.id() + "/token").json();
        assertThat(status.get("status").asString()).isEqualTo("active");
        assertThat(status.get("refreshFailures").asInt()).isEqualTo(1);
        assertThat(status.get("connected").asBoolean()).isTrue();
    }

    @Test
    void untrustedProviderCertificateIsRefused() throws Exception {
        try (MockWebServer impostor = new MockWebServer()) {
            impostor.useHttps(ProviderTestCa.untrustedServerCertificates().sslSocketFactory());
            impostor.start();
            var client = new OAuthClientSettings("schwab", URI.create(impostor.url("/v1/oauth/authorize")
                    .toString()), URI.create(impostor.url("/v1/oauth/token").toString()),
                    URI.create(impostor.url("/").toString()), FakeSchwab.CLIENT_ID, new Secret(FakeSchwab.CLIENT_SECRET),
                    FakeSchwab.redirectUri(), false);
            assertThatThrownBy(() -> tokenClient.refresh(client, new Secret("R.x@")))
                    .isInstanceOf(TokenEndpointException.class).hasMessageContaining("TLS")
                    .satisfies(e -> assertThat(((TokenEndpointException) e).kind())
                            .isEqualTo(TokenEndpointException.TokenFailure.UNAVAILABLE));
            assertThat(impostor.getRequestCount()).isZero();
        }
    }
}
