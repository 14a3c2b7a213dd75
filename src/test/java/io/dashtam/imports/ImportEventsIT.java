package io.dashtam.imports;

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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A committed import publishes {@code import.completed} (counts and ids, nothing of the file) and
 * {@code portfolio.updated} (the accounts it changed) in its transaction; a preview publishes nothing; another
 * user's stream gets none of it.
 */
class ImportEventsIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    UserEvents events;
    @Autowired
    DatabaseNotifications notifications;

    private SseClient stream(Caller caller) {
        var stream = SseClient.open("https://localhost:" + port, "/api/v1/events", caller.accessToken(), null);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    private static JsonNode data(SseClient.Event event) {
        return TestClient.JSON.readTree(event.data()).get("data");
    }

    @Test
    void aCommittedImportIsAnnouncedToItsOwnerOnly() {
        Notifications.awaitListening(notifications);
        var alice = newUser();
        var bob = newUser();
        String connection = ImportIT.fileConnection(alice, "Bank files");
        try (var alices = stream(alice); var bobs = stream(bob)) {
            // A preview stores nothing and announces nothing.
            assertThat(alice.client().post("/api/v1/imports", ImportIT.ofx(connection, "checking.ofx", true))
                    .status()).isEqualTo(200);
            var imported = alice.client().post("/api/v1/imports", ImportIT.ofx(connection, "checking.ofx", false));
            assertThat(imported.status()).isEqualTo(201);

            List<SseClient.Event> got = alices.until("portfolio.updated", WAIT);
            assertThat(got).extracting(SseClient.Event::type).containsExactly("import.completed",
                    "portfolio.updated");
            JsonNode completed = data(got.get(0));
            assertThat(completed.get("importId").asString()).isEqualTo(imported.json().get("id").asString());
            assertThat(completed.get("connectionId").asString()).isEqualTo(connection);
            assertThat(completed.get("parsed").asInt()).isEqualTo(3);
            assertThat(completed.get("added").asInt()).isEqualTo(imported.json().get("added").asInt());
            assertThat(completed.get("accounts").asInt()).isEqualTo(1);
            // Nothing of the file: not its name, its account number, its payees or amounts.
            assertThat(got.get(0).data()).doesNotContain("checking.ofx").doesNotContain("9876543210")
                    .doesNotContain("3457.73");

            JsonNode updated = data(got.get(1));
            assertThat(updated.get("connectionId").asString()).isEqualTo(connection);
            assertThat(updated.get("accounts")).hasSize(1);
            assertThat(updated.get("accounts").get(0).asString())
                    .isEqualTo(imported.json().get("accounts").get(0).get("accountId").asString());
            assertThat(updated.get("balances").asBoolean()).isTrue();
            assertThat(updated.get("netWorth").asBoolean()).isTrue();

            // The same file again changes nothing: completed, but no portfolio.updated.
            assertThat(alice.client().post("/api/v1/imports", ImportIT.ofx(connection, "checking.ofx", false))
                    .status()).isEqualTo(201);
            events.publish(UserId.of(alice.userId()), "sync.queued", Map.of("marker", "alice"));
            assertThat(alices.until("sync.queued", WAIT)).extracting(SseClient.Event::type)
                    .containsExactly("import.completed", "sync.queued");

            events.publish(UserId.of(bob.userId()), "portfolio.updated", Map.of("marker", "bob"));
            assertThat(bobs.until("portfolio.updated", WAIT)).singleElement()
                    .satisfies(e -> assertThat(e.data()).contains("bob").doesNotContain(connection));
        }
    }
}
