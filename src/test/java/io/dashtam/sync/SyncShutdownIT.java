package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 24, stopping: the packaged app in its own process holds an open event stream and a sync waiting on its
 * provider when it gets SIGTERM. It ends the stream at once asking the client to reconnect, hands the run back and
 * exits within 10 s; the run is claimable at once, and another instance (this one) takes the same run over and
 * finishes it.
 */
class SyncShutdownIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @Value("${dashtam.crypto.encryption-keys}")
    String encryptionKeys;

    @Value("${dashtam.crypto.jwt-keys}")
    String jwtKeys;

    @Test
    void sigtermEndsStreamsHandsTheRunBackAndExitsWithinTenSeconds() throws Exception {
        var caller = newUser();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (FakeSchwab schwab = new FakeSchwab("stop-access-token")) {
            schwab.accounts(SchwabData.account("66667777", "HASHS", "CASH", "10.00", "10.00"));
            schwab.transaction("HASHS", now.minus(Duration.ofDays(2)),
                    SchwabData.dividend(61, now.minus(Duration.ofDays(2)), "VALID", "6.10"));
            UUID connection = ChildApp.seedSchwabConnection(jdbc, clock, encryptionKeys, caller.userId(),
                    schwab.token());
            TestSyncConnections.register(connection, caller.userId(), "brokerage", "active", schwab);
            schwab.holdTransactionsCall(1);
            var child = ChildApp.launch(schwab, encryptionKeys, "stopping-instance",
                    Map.of("DASHTAM_JWT_KEYS", jwtKeys));
            Process app = child.process();
            try (SseClient stream = SseClient.open("https://localhost:" + child.port(Duration.ofMinutes(3)),
                    "/api/v1/events", caller.accessToken(), null)) {
                assertThat(stream.response().statusCode()).isEqualTo(200);
                String runId = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json()
                        .get("id").asString();
                assertThat(schwab.awaitHeld(Duration.ofMinutes(2))).as("the child's run waits on its provider")
                        .isTrue();
                assertThat(runStatus(runId)).isEqualTo("running|stopping-instance");

                long signalled = System.nanoTime();
                app.destroy(); // SIGTERM
                assertThat(stream.until("server.stopping", Duration.ofSeconds(5))).isNotEmpty();
                assertThat(stream.reconnectMillis()).as("the client is told to reconnect soon").isEqualTo(1000);
                assertThat(app.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
                Duration toExit = Duration.ofNanos(System.nanoTime() - signalled);

                // Handed back: the same run queued again, its job free now, not after the lease.
                assertThat(runStatus(runId)).isEqualTo("queued|null");
                schwab.release();
                assertThat(worker.runDue()).as("taken over at once").isEqualTo(1);
                assertThat(runStatus(runId)).isEqualTo("succeeded|" + jdbc.sql("SELECT instance FROM sync_runs "
                        + "WHERE id = :id").param("id", UUID.fromString(runId)).query(String.class).single());
                assertThat(jdbc.sql("SELECT status FROM sync_runs WHERE connection_id = :c").param("c", connection)
                        .query(String.class).list()).containsExactly("succeeded");
                System.out.println("SIGTERM to exit with an open stream and a running sync: " + toExit.toMillis()
                        + " ms");
            } finally {
                schwab.release();
                app.destroyForcibly();
                TestSyncConnections.forget(connection);
            }
        }
    }

    private String runStatus(String runId) {
        return jdbc.sql("SELECT status || '|' || coalesce(instance, 'null') FROM sync_runs WHERE id = :id")
                .param("id", UUID.fromString(runId)).query(String.class).single();
    }
}
