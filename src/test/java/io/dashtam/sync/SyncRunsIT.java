package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs, leases and the scheduler: one live run per connection, lapsed leases taken over, nothing stuck. */
class SyncRunsIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;
    @Autowired
    SyncJobs jobs;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    private UUID connect(Caller caller) {
        schwab.accounts(SchwabData.account("77778888", "HASHZ", "CASH", "10.00", "10.00"));
        return TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
    }

    private String status(UUID connection, String run) {
        return jdbc.sql("SELECT status FROM sync_runs WHERE id = :id").param("id", UUID.fromString(run))
                .query(String.class).single();
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired
    io.dashtam.core.UserEvents userEvents;
    @Autowired
    io.dashtam.core.DatabaseNotifications notifications;

    /** The live run ends between the request's insert (which it blocked) and its read: a new run is queued. */
    @Test
    void aRequestRacingTheEndOfTheLiveRunQueuesANewOne() {
        var caller = newUser();
        UUID connection = connect(caller);
        var owner = io.dashtam.core.UserId.of(caller.userId());
        SyncRun live = jobs.request(connection, owner, "manual", clock.instant());
        SyncJobs racing = new SyncJobs(jdbc, transactions, userEvents, notifications) {
            private boolean ended;

            @Override
            java.util.Optional<SyncRun> live(UUID connectionId) {
                if (!ended) { // the worker finishes the live run, on a connection of its own, at the worst moment
                    ended = true;
                    Integer finished = new org.springframework.transaction.support.TransactionTemplate(transactions,
                            new org.springframework.transaction.support.DefaultTransactionDefinition(
                                    org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW))
                            .execute(s -> jdbc.sql("UPDATE sync_runs SET status = 'succeeded' WHERE id = :id")
                                    .param("id", live.id()).update());
                    assertThat(finished).isEqualTo(1);
                }
                return super.live(connectionId);
            }
        };
        SyncRun answered = racing.request(connection, owner, "manual", clock.instant());
        assertThat(answered.id()).isNotEqualTo(live.id());
        assertThat(answered.status()).isEqualTo("queued");
        assertThat(status(connection, answered.id().toString())).isEqualTo("queued");
    }

    @Test
    void concurrentRequestsShareOneRun() throws Exception {
        var caller = newUser();
        UUID connection = connect(caller);
        List<Callable<String>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(() -> {
                var response = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
                assertThat(response.status()).isEqualTo(202);
                return response.json().get("id").asString();
            });
        }
        Set<String> ids = new HashSet<>();
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<String> f : pool.invokeAll(requests)) {
                ids.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(1);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(status(connection, ids.iterator().next())).isEqualTo("succeeded");
        var runs = caller.client().get("/api/v1/connections/" + connection + "/syncs").json();
        assertThat(runs).hasSize(1);
    }

    @Test
    void twoInstancesPollingAtOnceRunEachDueConnectionExactlyOnce() throws Exception {
        var caller = newUser();
        List<UUID> connections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            connections.add(connect(caller));
        }
        var pool = Executors.newFixedThreadPool(2);
        int runs = 0;
        try {
            // Two pollers (as two instances would) race for the same due jobs.
            for (Future<Integer> f : pool.invokeAll(List.<Callable<Integer>>of(worker::runDue, worker::runDue))) {
                runs += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).isEqualTo(8);
        for (UUID connection : connections) {
            assertThat(jdbc.sql("SELECT status FROM sync_runs WHERE connection_id = :c").param("c", connection)
                    .query(String.class).list()).containsExactly("succeeded");
        }
    }

    @Test
    void aClaimedJobCannotBeClaimedAgainWhileItsLeaseHolds() {
        var caller = newUser();
        UUID connection = connect(caller);
        caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        var first = jobs.claimNext("instance-a", clock.instant(), Duration.ofMinutes(2));
        assertThat(first).isPresent();
        assertThat(jobs.claimNext("instance-b", clock.instant(), Duration.ofMinutes(2))).isEmpty();
        assertThat(worker.runDue()).isZero();
        // While it runs, a new request answers with the running run instead of starting a second one.
        var again = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(again.json().get("id").asString()).isEqualTo(first.get().runId().toString());
        assertThat(again.json().get("status").asString()).isEqualTo("running");
        // A renewal keeps it held past the original expiry.
        clock.advance(Duration.ofSeconds(90));
        assertThat(jobs.renew(first.get(), SyncRun.Counts.NONE, clock.instant(), Duration.ofMinutes(2))).isTrue();
        clock.advance(Duration.ofSeconds(90));
        assertThat(jobs.claimNext("instance-b", clock.instant(), Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void aDeadInstancesLeaseLapsesAndAnotherInstanceTakesTheJobOver() {
        var caller = newUser();
        UUID connection = connect(caller);
        var queued = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json();
        var dead = jobs.claimNext("dead-instance", clock.instant(), Duration.ofMinutes(2)).orElseThrow();
        assertThat(dead.runId().toString()).isEqualTo(queued.get("id").asString());

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        assertThat(worker.runDue()).isEqualTo(1);
        caller = SyncIT.relogin(api(), caller);
        var runs = caller.client().get("/api/v1/connections/" + connection + "/syncs").json();
        assertThat(runs).hasSize(2);
        var orphan = caller.client().get("/api/v1/connections/" + connection + "/syncs/" + dead.runId()).json();
        assertThat(orphan.get("status").asString()).isEqualTo("failed");
        assertThat(orphan.get("error").asString()).contains("lease expired", "dead-instance");
        assertThat(orphan.get("finishedAt")).isNotNull();
        assertThat(runs.get(0).get("status").asString()).isEqualTo("succeeded");
        // The dead instance, should it wake up, can neither renew nor overwrite the outcome.
        assertThat(jobs.renew(dead, SyncRun.Counts.NONE, clock.instant(), Duration.ofMinutes(2))).isFalse();
        jobs.finish(dead, SyncRun.Counts.NONE, null, clock.instant(), clock.instant(), clock.instant());
        assertThat(status(connection, dead.runId().toString())).isEqualTo("failed");
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE status IN ('queued', 'running')")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theSchedulerSyncsActiveConnectionsAtTheConfiguredInterval() {
        var caller = newUser();
        UUID connection = connect(caller);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(worker.runDue()).isZero();
        clock.advance(Duration.ofHours(6).plusSeconds(1));
        assertThat(worker.runDue()).isEqualTo(1);
        var triggers = jdbc.sql("SELECT trigger || ':' || status FROM sync_runs WHERE connection_id = :c")
                .param("c", connection).query(String.class).list();
        assertThat(triggers).containsExactly("scheduled:succeeded", "scheduled:succeeded");
    }

    @Test
    void anUnusableConnectionFailsAManualRunWithAReasonAndIsNotScheduled() {
        var caller = newUser();
        UUID connection = connect(caller);
        TestSyncConnections.status(connection, "expired");
        assertThat(worker.runDue()).isZero();
        var run = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json();
        assertThat(worker.runDue()).isEqualTo(1);
        var done = caller.client().get("/api/v1/connections/" + connection + "/syncs/" + run.get("id").asString())
                .json();
        assertThat(done.get("status").asString()).isEqualTo("failed");
        assertThat(done.get("error").asString()).contains("expired");
    }

    @Test
    void fileConnectionsAreNotSyncedAndOtherUsersConnectionsAre404() {
        var caller = newUser();
        var file = caller.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Statements"));
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        String fileId = file.json().get("id").asString();
        var refused = caller.client().post("/api/v1/connections/" + fileId + "/syncs", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        UUID connection = connect(caller);
        var other = newUser();
        assertThat(other.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).status())
                .isEqualTo(404);
        assertThat(other.client().post("/api/v1/connections/" + fileId + "/syncs", Map.of()).status())
                .isEqualTo(404);
        assertThat(other.client().get("/api/v1/connections/" + connection + "/syncs").status()).isEqualTo(404);
        assertThat(caller.client().get("/api/v1/connections/" + UUID.randomUUID() + "/syncs").status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE connection_id = :c").param("c", connection)
                .query(Integer.class).single()).isZero();
    }
}
