package io.dashtam.sync;

import io.dashtam.simplefin.FakeSimplefinBridge;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * SimpleFIN Account Sets for the strict fake bridge, written as the protocol has them (amounts as strings); a
 * connection made by pasting a setup token, and its last sync run.
 */
final class SimplefinAnswers {

    private SimplefinAnswers() {
    }

    static String set(List<String> errors, List<Map<String, Object>> accounts) {
        return TestClient.JSON.writeValueAsString(Map.of("errors", errors, "accounts", accounts));
    }

    static Map<String, Object> account(String id, String name, String balance, Instant balanceDate,
            List<Map<String, Object>> transactions) {
        var account = new LinkedHashMap<String, Object>();
        account.put("org", Map.of("name", "Fake Bank", "sfin-url", "https://fake.example"));
        account.put("id", id);
        account.put("name", name);
        account.put("currency", "USD");
        account.put("balance", balance);
        account.put("balance-date", balanceDate.getEpochSecond());
        account.put("transactions", transactions);
        return account;
    }

    static Map<String, Object> posted(String id, Instant posted, String amount, String description) {
        return Map.of("id", id, "posted", posted.getEpochSecond(), "amount", amount, "description", description);
    }

    static Map<String, Object> pending(String id, Instant transactedAt, String amount, String description) {
        return Map.of("id", id, "posted", 0, "amount", amount, "description", description, "pending", true,
                "transacted_at", transactedAt.getEpochSecond());
    }

    /** A SimpleFIN connection made by pasting a setup token of {@code bridge}; activation queues its first sync. */
    static String connect(IntegrationTest.Caller user, FakeSimplefinBridge bridge) {
        return connect(user, bridge.setupToken());
    }

    /** A SimpleFIN connection made by pasting {@code setupToken}; activation queues its first sync. */
    static String connect(IntegrationTest.Caller user, String setupToken) {
        var created = user.client().post("/api/v1/connections", Map.of("provider", "simplefin", "alias",
                "Banks " + UUID.randomUUID().toString().substring(0, 6)));
        String id = created.json().get("id").asString();
        var pasted = user.client().put("/api/v1/connections/" + id + "/credential", Map.of("credential",
                setupToken));
        if (pasted.status() != 200) {
            throw new AssertionError("paste failed: " + pasted);
        }
        return id;
    }

    /** The connection's newest sync run, in full. */
    static JsonNode lastRun(IntegrationTest.Caller user, String id) {
        var runs = user.client().get("/api/v1/connections/" + id + "/syncs").json();
        return user.client().get("/api/v1/connections/" + id + "/syncs/" + runs.get(0).get("id").asString()).json();
    }
}
