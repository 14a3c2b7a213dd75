package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Notifications;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Syncs start at once: a worker replica (B, scheduling on, polling only hourly) claims a run requested on A
 * because the queueing transaction's NOTIFY woke it, not because it polled.
 */
class SyncWakeupIT extends IntegrationTest {

    @RegisterExtension
    static final Replica worker = new Replica("--dashtam.scheduling.enabled=true", "--dashtam.sync.poll-interval=1h");

    @Autowired
    DatabaseNotifications notifications;

    private double claims(String path) {
        var counter = worker.bean(MeterRegistry.class).find("dashtam.sync.claims").tag("path", path).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRequestedSyncIsClaimedByTheWakeUpNotTheNextPoll() {
        Notifications.awaitListening(notifications);
        worker.awaitListening();
        var caller = newUser();
        try (var schwab = new FakeSchwab("access-" + UUID.randomUUID());
                var stream = SseClient.open("https://localhost:" + port, "/api/v1/events?types=sync.*",
                        caller.accessToken(), null)) {
            schwab.accounts(SchwabData.account("34343434", "HASHW", "CASH", "10.00", "10.00"));
            UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
            double polledBefore = claims("poll");
            double wokenBefore = claims("wakeup");

            var run = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json();
            // B's poll comes only hourly (after its first, 10 s after start): nothing but the wake-up can claim it
            // within this window, and the shared context does not schedule at all.
            stream.until("sync.succeeded", Duration.ofSeconds(10));
            assertThat(claims("wakeup")).isEqualTo(wokenBefore + 1);
            assertThat(claims("poll")).isEqualTo(polledBefore);
            var finished = caller.client().get("/api/v1/connections/" + connection + "/syncs/"
                    + run.get("id").asString()).json();
            assertThat(finished.get("status").asString()).isEqualTo("succeeded");
        } finally {
            TestSyncConnections.clear();
        }
    }
}
