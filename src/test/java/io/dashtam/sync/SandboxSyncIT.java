package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * End to end: a new user connects the built-in sandbox brokerage through the real OAuth flow (connect link,
 * cookie, authorize page, callback, token exchange over HTTPS); activation queues the first sync; the user then
 * sees accounts, holdings and transactions.
 */
class SandboxSyncIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @Test
    void aNewUserConnectsTheSandboxSyncsAndSeesTheirPortfolio() {
        var user = newUser();
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Play money"))
                .json().get("id").asString();
        String connect = user.client().get("/api/v1/connections/" + id + "/authorization").json().get("connectUrl")
                .asString();
        var browser = new Browser();
        var authorizePage = browser.get(Browser.location(browser.get(connect)));
        assertThat(authorizePage.statusCode()).isEqualTo(200);
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize",
                hiddenFields(authorizePage.body()) + "&decision=allow");
        var done = browser.get(Browser.location(decided));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(user.client().get("/api/v1/connections/" + id).json().get("status").asString()).isEqualTo("active");

        // Activation queued the first sync (a year of backfill) in the same transaction.
        var runs = user.client().get("/api/v1/connections/" + id + "/syncs").json();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("trigger").asString()).isEqualTo("activation");
        assertThat(runs.get(0).get("status").asString()).isEqualTo("queued");
        assertThat(worker.runDue()).isEqualTo(1);
        JsonNode run = user.client().get("/api/v1/connections/" + id + "/syncs/" + runs.get(0).get("id").asString())
                .json();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("accounts").asInt()).isEqualTo(2);

        var accounts = user.client().get("/api/v1/accounts").json();
        assertThat(accounts).hasSize(2);
        assertThat(accounts.findValuesAsString("type")).containsExactlyInAnyOrder("CASH", "MARGIN");
        accounts.forEach(a -> {
            assertThat(a.get("number").asString()).matches("\\*{4}\\d{4}");
            assertThat(a.get("balance").get("currency").asString()).isEqualTo("USD");
            assertThat(a.get("connectionId").asString()).isEqualTo(id);
        });
        var holdings = user.client().get("/api/v1/holdings").json();
        assertThat(holdings.size()).isPositive();
        JsonNode holding = holdings.get(0);
        assertThat(holding.get("symbol").asString()).isNotBlank();
        assertThat(holding.get("marketValue").get("amount").asString()).matches("-?\\d+\\.\\d{2,}");
        assertThat(holding.has("costBasis") && holding.has("unrealizedPl")).isTrue();
        var page = user.client().get("/api/v1/transactions?limit=500").json();
        assertThat(page.get("items").size()).isGreaterThan(60);
        assertThat(user.client().get("/api/v1/net-worth").json().get("totals").get(0).get("currency").asString())
                .isEqualTo("USD");

        // Syncing again adds nothing: the sandbox's data is deterministic and every upsert is idempotent.
        var again = user.client().post("/api/v1/connections/" + id + "/syncs", Map.of()).json();
        assertThat(again.get("trigger").asString()).isEqualTo("manual");
        worker.runDue();
        JsonNode second = user.client().get("/api/v1/connections/" + id + "/syncs/" + again.get("id").asString())
                .json();
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.get("added").asInt()).isZero();
        assertThat(user.client().get("/api/v1/transactions?limit=500").json().get("items").size())
                .isEqualTo(page.get("items").size());

        // Deleting the connection takes its accounts, holdings, transactions and runs with it.
        assertThat(user.client().delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/accounts").json()).isEmpty();
        assertThat(user.client().get("/api/v1/holdings").json()).isEmpty();
        assertThat(user.client().get("/api/v1/transactions").json().get("items")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE connection_id = CAST(:id AS uuid)").param("id", id)
                .query(Long.class).single()).isZero();
    }

    static String hiddenFields(String html) {
        var m = Pattern.compile("type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(html);
        StringBuilder form = new StringBuilder();
        while (m.find()) {
            String value = m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">");
            form.append(form.length() == 0 ? "" : "&").append(m.group(1)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return form.toString();
    }
}
