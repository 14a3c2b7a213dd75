package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Notifications;
import io.dashtam.testing.SseClient;
import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code portfolio.updated} from a sync: published in the transaction of each account batch that changed
 * something, naming the changed account and what changed; a sync that changes nothing publishes none; another
 * user's stream gets none of it.
 */
class PortfolioEventsIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    SyncWorker worker;
    @Autowired
    DatabaseNotifications notifications;
    @Autowired
    UserEvents events;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    private SseClient stream(Caller caller, String types) {
        var stream = SseClient.open("https://localhost:" + port, "/api/v1/events?types=" + types,
                caller.accessToken(), null);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    private void sync(Caller caller, UUID connection) {
        assertThat(caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).status())
                .isEqualTo(202);
        assertThat(worker.runDue()).isEqualTo(1);
    }

    @Test
    void aSyncThatChangesAnAccountPublishesWhichAndWhat() {
        Notifications.awaitListening(notifications);
        var alice = newUser();
        var bob = newUser();
        schwab.accounts(SchwabData.account("71717171", "HASHP", "CASH", "100.00", "100.00",
                SchwabData.position("AAPL", "037833100", "2", "150.00", "300.00", "0.00")));
        UUID connection = TestSyncConnections.register(alice.userId(), "brokerage", "active", schwab);
        try (var alices = stream(alice, "portfolio.*,sync.succeeded"); var bobs = stream(bob, "")) {
            sync(alice, connection);
            List<SseClient.Event> first = alices.until("sync.succeeded", WAIT);
            assertThat(first).extracting(SseClient.Event::type).containsExactly("portfolio.updated",
                    "sync.succeeded");
            JsonNode data = TestClient.JSON.readTree(first.get(0).data()).get("data");
            String account = alice.client().get("/api/v1/accounts").json().get(0).get("id").asString();
            assertThat(data.get("connectionId").asString()).isEqualTo(connection.toString());
            assertThat(data.get("accounts")).hasSize(1);
            assertThat(data.get("accounts").get(0).asString()).isEqualTo(account);
            assertThat(data.get("balances").asBoolean()).isTrue();
            assertThat(data.get("holdings").asBoolean()).isTrue();
            assertThat(data.get("netWorth").asBoolean()).isTrue();
            assertThat(first.get(0).data()).doesNotContain("71717171").doesNotContain("100.00")
                    .doesNotContain(schwab.token());

            // The same data again changes nothing: no portfolio.updated before the run's end.
            sync(alice, connection);
            assertThat(alices.until("sync.succeeded", WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("sync.succeeded");

            // A new balance (the holdings as before): balances and net worth changed, holdings did not.
            schwab.accounts(SchwabData.account("71717171", "HASHP", "CASH", "120.00", "120.00",
                    SchwabData.position("AAPL", "037833100", "2", "150.00", "300.00", "0.00")));
            sync(alice, connection);
            List<SseClient.Event> third = alices.until("sync.succeeded", WAIT);
            assertThat(third).extracting(SseClient.Event::type).containsExactly("portfolio.updated",
                    "sync.succeeded");
            JsonNode changed = TestClient.JSON.readTree(third.get(0).data()).get("data");
            assertThat(changed.get("balances").asBoolean()).isTrue();
            assertThat(changed.get("holdings").asBoolean()).isFalse();

            // Bob's stream saw nothing of Alice's runs: his own event is the first he gets.
            events.publish(UserId.of(bob.userId()), "portfolio.updated", Map.of("marker", "bob"));
            assertThat(bobs.until("portfolio.updated", WAIT)).singleElement()
                    .satisfies(e -> assertThat(e.data()).contains("bob").doesNotContain(connection.toString()));
        }
    }
}
