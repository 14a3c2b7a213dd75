package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.simplefin.FakeSimplefinBridge;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * SimpleFIN end to end through the provider-agnostic sync engine over HTTPS: a setup token from the built-in
 * sandbox bridge connects, activation queues the first sync, the user sees bank accounts (one in a custom
 * currency) with pending and posted transactions; against the strict fake, a 403 revokes the connection and a
 * 402 puts it in error, and the next scheduled sync waits the provider's interval.
 */
class SimplefinSyncIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @Test
    void aConnectionMadeWithTheSandboxSetupTokenSyncsEndToEnd() {
        var user = newUser();
        String token = api().post("/simplefin-sandbox/setup-tokens", Map.of()).json().get("setupToken").asString();
        String id = SimplefinAnswers.connect(user, token);
        var runs = user.client().get("/api/v1/connections/" + id + "/syncs").json();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("trigger").asString()).isEqualTo("activation");
        assertThat(worker.runDue()).isPositive();
        JsonNode run = SimplefinAnswers.lastRun(user, id);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("accounts").asInt()).isEqualTo(4);

        var accounts = user.client().get("/api/v1/accounts").json();
        assertThat(accounts).hasSize(4);
        assertThat(accounts.findValuesAsString("name")).contains("Sandbox Credit Union - Everyday Checking",
                "Sandbox Rewards Club - Travel Points (PTS)");
        assertThat(accounts.toString()).contains("\"XXX\"").contains("\"USD\"");
        var page = user.client().get("/api/v1/transactions?limit=500").json();
        assertThat(page.get("items").findValuesAsString("status")).contains("VALID", "PENDING");

        // The next scheduled sync waits SimpleFIN's interval (12 h, longer than the configured 6 h).
        Instant next = jdbc.sql("SELECT next_run_at FROM sync_jobs WHERE connection_id = :id")
                .param("id", UUID.fromString(id)).query(java.sql.Timestamp.class).single().toInstant();
        assertThat(Duration.between(clock.instant(), next)).isGreaterThan(Duration.ofHours(11));
    }

    @Test
    void forbiddenFromTheBridgeRevokesAndPaymentRequiredErrsThroughTheEngine() {
        try (var bridge = new FakeSimplefinBridge()) {
            var user = newUser();
            long now = clock.instant().getEpochSecond();
            bridge.answer("""
                    {"errors": ["Other Bank: <i>please re-link</i>"], "accounts": [{"org": {"name": "Fake Bank",
                     "sfin-url": "https://fake.example"}, "id": "c-1", "name": "Checking", "currency": "USD",
                     "balance": "-1234.5600", "balance-date": %d, "transactions": [
                     {"id": "t1", "posted": %d, "amount": "-1234.5600", "description": "Rent"}]}]}"""
                    .formatted(now, now - 86_400));
            String first = SimplefinAnswers.connect(user, bridge);
            worker.runDue();
            assertThat(SimplefinAnswers.lastRun(user, first).get("status").asString()).isEqualTo("succeeded");
            var rent = user.client().get("/api/v1/transactions?limit=50").json().get("items").get(0);
            assertThat(rent.toString()).contains("-1234.56");

            String unpaid = SimplefinAnswers.connect(user, bridge);
            bridge.revokeAll();
            assertThat(worker.runDue()).isPositive();
            var connection = user.client().get("/api/v1/connections/" + unpaid).json();
            assertThat(connection.get("status").asString()).isEqualTo("revoked");
            assertThat(SimplefinAnswers.lastRun(user, unpaid).get("status").asString()).isEqualTo("failed");

            String third = SimplefinAnswers.connect(user, bridge);
            bridge.paymentRequired(true);
            assertThat(worker.runDue()).isPositive();
            var error = user.client().get("/api/v1/connections/" + third).json();
            assertThat(error.get("status").asString()).isEqualTo("error");
            assertThat(error.get("statusReason").asString()).isEqualTo("payment required at the bridge");
            assertThat(SimplefinAnswers.lastRun(user, third).get("error").asString()).isEqualTo("payment required at the bridge");
        }
    }
}
