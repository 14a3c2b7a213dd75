package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserEvents;
import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Notifications;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SseClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live events with two instances on one database: A (the shared context) runs the sync, clients listen on B.
 * Order, replay with Last-Event-ID exactly once (also for out-of-order commits), isolation between users, the
 * end of a revoked session's stream, and no event lost when the listening connections are killed.
 */
class EventStreamAcrossInstancesIT extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    @RegisterExtension
    static final Replica b = new Replica();

    @Autowired
    SyncWorker worker;
    @Autowired
    UserEvents events;
    @Autowired
    DatabaseNotifications notifications;
    @Autowired
    PlatformTransactionManager transactions;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    @BeforeEach
    void bothListening() {
        Notifications.awaitListening(notifications);
        b.awaitListening();
    }

    private SseClient streamOnB(Caller caller, String query, String lastEventId) {
        var stream = SseClient.open("https://localhost:" + b.port(), "/api/v1/events" + query, caller.accessToken(),
                lastEventId);
        assertThat(stream.response().statusCode()).isEqualTo(200);
        return stream;
    }

    private UUID connect(Caller caller) {
        schwab.accounts(SchwabData.account("55556666", "HASHE", "CASH", "10.00", "10.00"));
        return TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
    }

    @Test
    void aClientOnBReceivesTheRunOnAInOrderAndAnotherUserNothingOfIt() {
        var alice = newUser();
        var bob = newUser();
        UUID connection = connect(alice);
        try (var aliceStream = streamOnB(alice, "?types=sync.*", null); var bobStream = streamOnB(bob, "", null)) {
            assertThat(aliceStream.response().version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(aliceStream.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(aliceStream.response().headers().firstValue("Content-Encoding")).isEmpty();
            var run = alice.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json();
            assertThat(worker.runDue()).isEqualTo(1);

            List<SseClient.Event> seen = aliceStream.until("sync.succeeded", WAIT);
            List<String> types = seen.stream().map(SseClient.Event::type).filter(t -> !t.equals("sync.progress"))
                    .toList();
            assertThat(types).containsExactly("sync.queued", "sync.started", "sync.succeeded");
            List<Long> ids = seen.stream().map(e -> Long.parseLong(e.id())).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(seen).allSatisfy(e -> assertThat(e.data()).contains(run.get("id").asString())
                    .doesNotContain(alice.accessToken()).doesNotContain("access-"));

            // Bob's own event arrives; nothing of Alice's run came before it.
            events.publish(new UserId(UUID.fromString(bob.userId())), "portfolio.updated", Map.of("accounts", 0));
            var bobs = bobStream.until("portfolio.updated", WAIT);
            assertThat(bobs).hasSize(1);
            assertThat(bobs.get(0).data()).doesNotContain(connection.toString());
        }
    }

    @Test
    void reconnectingWithLastEventIdReplaysWhatWasMissedExactlyOnceInOrder() {
        var alice = newUser();
        UserId id = new UserId(UUID.fromString(alice.userId()));
        String first;
        try (var stream = streamOnB(alice, "", null)) {
            events.publish(id, "import.completed", Map.of("n", 1));
            first = stream.until("import.completed", WAIT).get(0).id();
        }
        for (int i = 2; i <= 4; i++) {
            events.publish(id, "import.completed", Map.of("n", i));
        }
        try (var stream = streamOnB(alice, "", first)) {
            events.publish(id, "portfolio.updated", Map.of("n", 5));
            var replayed = stream.until("portfolio.updated", WAIT);
            assertThat(replayed).extracting(SseClient.Event::data).satisfiesExactly(
                    d -> assertThat(d).contains("\"n\": 2"), d -> assertThat(d).contains("\"n\": 3"),
                    d -> assertThat(d).contains("\"n\": 4"), d -> assertThat(d).contains("\"n\": 5"));
            assertThat(replayed).extracting(e -> Long.parseLong(e.id())).isSorted();
        }
    }

    @Test
    void anEventCommittedAfterALaterOneIsStillDeliveredAndReplayed() throws Exception {
        var alice = newUser();
        UserId id = new UserId(UUID.fromString(alice.userId()));
        var slowInserted = new CountDownLatch(1);
        var commitSlow = new CountDownLatch(1);
        var pool = Executors.newSingleThreadExecutor();
        try (var stream = streamOnB(alice, "", null)) {
            // The slow transaction inserts first (lower row id) and commits last.
            var slow = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                events.publish(id, "import.completed", Map.of("which", "slow"));
                slowInserted.countDown();
                try {
                    commitSlow.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(slowInserted.await(10, TimeUnit.SECONDS)).isTrue();
            events.publish(id, "portfolio.updated", Map.of("which", "fast"));
            var fast = stream.until("portfolio.updated", WAIT);
            assertThat(fast).hasSize(1);
            commitSlow.countDown();
            slow.get(10, TimeUnit.SECONDS);
            var late = stream.until("import.completed", WAIT);
            assertThat(late).hasSize(1);
            assertThat(Long.parseLong(late.get(0).id())).isGreaterThan(Long.parseLong(fast.get(0).id()));
            // A client that saw only the fast one gets the slow one on reconnect.
            try (var again = streamOnB(alice, "", fast.get(0).id())) {
                assertThat(again.until("import.completed", WAIT)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIdBeyondRetentionGetsAReset() {
        var alice = newUser();
        jdbc.sql("INSERT INTO event_horizons (user_id, pruned_through) VALUES (:u, 1000)")
                .param("u", UUID.fromString(alice.userId())).update();
        try (var stream = streamOnB(alice, "", "5")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("reset");
        }
        try (var stream = streamOnB(alice, "", "not-a-number")) {
            assertThat(stream.next(WAIT).type()).isEqualTo("reset");
        }
    }

    @Test
    void aRevokedSessionsStreamEndsOnTheOtherInstance() {
        var alice = newUser();
        try (var stream = streamOnB(alice, "", null)) {
            assertThat(alice.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);
            assertThat(stream.until("session.revoked", Duration.ofSeconds(1))).isNotEmpty();
            assertThat(stream.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void killedListeningConnectionsLoseNoEvent() {
        var alice = newUser();
        UserId id = new UserId(UUID.fromString(alice.userId()));
        try (var stream = streamOnB(alice, "", null)) {
            int killed = jdbc.sql("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = 'dashtam-listener'""")
                    .query(Integer.class).single();
            assertThat(killed).isGreaterThanOrEqualTo(2);
            // Published while B may still be reconnecting: the catch-up after reconnect reads it from the table.
            for (int i = 1; i <= 3; i++) {
                events.publish(id, "import.completed", Map.of("n", i));
            }
            var got = stream.until("portfolio.updated", fire(id));
            assertThat(got).extracting(SseClient.Event::type).containsExactly("import.completed",
                    "import.completed", "import.completed", "portfolio.updated");
        }
    }

    private Duration fire(UserId id) {
        b.awaitListening();
        events.publish(id, "portfolio.updated", Map.of());
        return WAIT;
    }

    @Test
    void badTypeFilterIsAProblemAndTooManyStreamsAre429() {
        var alice = newUser();
        var bad = alice.client().get("/api/v1/events?types=" + "sync;drop");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        var open = new java.util.ArrayList<SseClient>();
        try {
            for (int i = 0; i < 8; i++) {
                open.add(streamOnB(alice, "", null));
            }
            var refused = SseClient.open("https://localhost:" + b.port(), "/api/v1/events", alice.accessToken(),
                    null);
            assertThat(refused.response().statusCode()).isEqualTo(429);
        } finally {
            open.forEach(SseClient::close);
        }
    }
}
