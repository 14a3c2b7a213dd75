package io.dashtam.simplefinsandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderAccess;
import io.dashtam.providers.ProviderAccount;
import io.dashtam.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The built-in SimpleFIN sandbox bridge, end to end over the app's own HTTPS: a setup token from it connects a
 * SimpleFIN connection, whose fetch through the provider port reads four accounts at three banks (one in a custom
 * currency) with pending and posted transactions. The bridge itself keeps the protocol's rules.
 */
class SimplefinSandboxIT extends IntegrationTest {

    @Autowired
    ProviderAccess access;

    private String setupToken() {
        var issued = api().post("/simplefin-sandbox/setup-tokens", Map.of());
        assertThat(issued.status()).isEqualTo(201);
        return issued.json().get("setupToken").asString();
    }

    @Test
    void aSetupTokenFromTheSandboxConnectsAndFetchesItsBanks() {
        var user = newUser();
        String token = setupToken();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias", "My banks"))
                .json().get("id").asString();
        var pasted = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential", token));
        assertThat(pasted.status()).as(pasted.body()).isEqualTo(200);
        assertThat(pasted.json().get("status").asString()).isEqualTo("active");

        var session = access.open(new ConnectionId(UUID.fromString(id)));
        var fetch = access.adapter("simplefin").orElseThrow().open(session, Duration.ofSeconds(10));
        List<ProviderAccount> accounts = fetch.accounts();
        assertThat(accounts).extracting(a -> a.account().name()).containsExactly(
                "Sandbox Credit Union - Everyday Checking", "Sandbox Credit Union - High-Yield Savings",
                "Sandbox Card Services - Rewards Visa", "Sandbox Rewards Club - Travel Points (PTS)");
        assertThat(accounts.get(3).account().currency().getCurrencyCode()).isEqualTo("XXX");
        assertThat(accounts.get(2).balance().balance()).isEqualByComparingTo("-612.48");
        Instant now = clock.instant();
        var checking = fetch.transactions(accounts.get(0), now.minus(Duration.ofDays(90)), now).rows();
        assertThat(checking).extracting(t -> t.status()).contains("VALID", "PENDING");
        assertThat(checking).allSatisfy(t -> assertThat(t.amount().scale()).isEqualTo(2));
        assertThat(fetch.warnings()).isEmpty();

        // The same setup token cannot be claimed again.
        String other = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias", "Again"))
                .json().get("id").asString();
        var again = user.client().put("/api/v1/connections/" + other + "/credential", Map.of("credential", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("detail").asString()).contains("may have been used by someone else");
    }

    @Test
    void theSandboxBridgeKeepsTheProtocolsRules() {
        String claimUrl = new String(Base64.getDecoder().decode(setupToken()), StandardCharsets.UTF_8);
        String path = claimUrl.substring(claimUrl.indexOf("/simplefin-sandbox/"));
        var claimed = api().send("POST", path, null, null, Map.of());
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.body()).matches("https://sfin-[0-9a-f]+:[0-9a-f]+@localhost:\\d+/simplefin-sandbox/bridge");
        assertThat(api().send("POST", path, null, null, Map.of()).status()).isEqualTo(403);

        String userInfo = claimed.body().substring(8, claimed.body().indexOf('@'));
        String basic = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        var accounts = api().send("GET", "/simplefin-sandbox/bridge/accounts?pending=1", null, null,
                Map.of("Authorization", basic));
        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json().get("errors")).isEmpty();
        assertThat(accounts.json().get("accounts")).hasSize(4);
        assertThat(accounts.header("Strict-Transport-Security")).isNotNull();
        var withoutPending = api().send("GET", "/simplefin-sandbox/bridge/accounts", null, null,
                Map.of("Authorization", basic));
        assertThat(withoutPending.body()).doesNotContain("\"pending\":true");
        assertThat(accounts.body()).contains("\"pending\":true");

        var bad = api().send("GET", "/simplefin-sandbox/bridge/accounts?start-date=yesterday", null, null,
                Map.of("Authorization", basic));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(api().send("GET", "/simplefin-sandbox/bridge/accounts", null, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes()))).status())
                .isEqualTo(403);

        // Disabling the app at the bridge: the same credentials are refused from then on.
        assertThat(api().send("DELETE", "/simplefin-sandbox/bridge/access", null, null,
                Map.of("Authorization", basic)).status()).isEqualTo(204);
        assertThat(api().send("GET", "/simplefin-sandbox/bridge/accounts", null, null,
                Map.of("Authorization", basic)).status()).isEqualTo(403);
    }
}
