package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.dashtam.testing.ClockSleeper;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.LogCapture;
import io.dashtam.testing.Replica;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A slow or throttling Schwab with two instances on one database: a replica (lease 60 s, the shortest its 30 s
 * request timeout allows) runs the sync while this instance polls. Requests that each take the whole timeout never
 * let this instance take the live run over (the lease is renewed before every request, not only per page); a
 * replica stalled beyond its lease is taken over, with a WARN naming the run and both instances; a 429 answered
 * to one instance holds the other off for its Retry-After.
 */
class SlowProviderAcrossInstancesIT extends IntegrationTest {

    private static final String REPLICA = "replica-a";
    @RegisterExtension
    static final Replica replica = new Replica("--dashtam.sync.lease=60s", "--dashtam.sync.instance-id=" + REPLICA);

    @Autowired
    SyncWorker worker;
    @Autowired
    SyncJobs jobs;
    @Autowired
    SyncProperties properties;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());
    private final LogCapture logs = new LogCapture();
    private Caller caller;

    @BeforeEach
    void connect() {
        ClockSleeper.INSTANCE.clear();
        jdbc.sql("DELETE FROM provider_requests").update();
        jdbc.sql("DELETE FROM provider_rate_limits").update();
        schwab.accounts(SchwabData.account("56565656", "HASHS", "CASH", "10.00", "10.00"));
        caller = newUser();
        logs.start(List.of());
    }

    @AfterEach
    void stop() {
        logs.stop();
        ClockSleeper.INSTANCE.clear();
    }

    @Test
    void requestsAsSlowAsTheTimeoutNeverLetAnotherInstanceTakeALiveRunOver() {
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        SyncProperties replicaSettings = replica.bean(SyncProperties.class);
        assertThat(replicaSettings.lease()).isEqualTo(replicaSettings.requestTimeout().multipliedBy(2));
        List<Optional<SyncJobs.Claim>> takeovers = Collections.synchronizedList(new ArrayList<>());
        schwab.duringEachCall(() -> {
            // Each request takes the whole request timeout; meanwhile this instance polls for lapsed leases.
            clock.advance(replicaSettings.requestTimeout());
            takeovers.add(jobs.claimNext(properties.instanceId(), clock.instant(), properties.lease()));
        });
        queue(connection);
        Instant start = clock.instant();

        assertThat(replica.bean(SyncWorker.class).runDue()).isEqualTo(1);

        // Two account requests and five 90-day windows, 30 s each: the run outlived its 60 s lease thrice over.
        assertThat(takeovers).hasSizeGreaterThanOrEqualTo(7).allMatch(Optional::isEmpty);
        assertThat(Duration.between(start, clock.instant())).isGreaterThan(replicaSettings.lease().multipliedBy(3));
        assertThat(runs(connection)).containsExactly("succeeded|" + REPLICA + "|null");
        assertThat(warnings()).noneMatch(w -> w.contains("taken over") || w.contains("lost its lease"));
    }

    @Test
    void anInstanceStalledBeyondItsLeaseIsTakenOverAndTheTakeoverIsLoggedWithRunAndInstanceIds() throws Exception {
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.holdAccountsCall();
        queue(connection);
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> stalled = pool.submit(() -> replica.bean(SyncWorker.class).runDue());
            assertThat(schwab.awaitHeld(Duration.ofSeconds(60))).as("the replica's first request").isTrue();
            UUID stalledRun = jdbc.sql("SELECT id FROM sync_runs WHERE connection_id = :c AND status = 'running'")
                    .param("c", connection).query(UUID.class).single();

            // The replica freezes (a long GC pause, a suspended VM) past its lease: now it may be taken over.
            clock.advance(replica.bean(SyncProperties.class).lease().plusSeconds(1));
            assertThat(worker.runDue()).isEqualTo(1);
            schwab.release();
            assertThat(stalled.get(60, TimeUnit.SECONDS)).isEqualTo(1);

            assertThat(runs(connection)).containsExactlyInAnyOrder(
                    "failed|" + REPLICA + "|lease expired: instance " + REPLICA + " stopped renewing it (crashed or "
                            + "stalled); taken over by " + properties.instanceId(),
                    "succeeded|" + properties.instanceId() + "|null");
            assertThat(warnings()).anyMatch(w -> w.contains("sync run " + stalledRun + " taken over")
                    && w.contains("instance " + REPLICA) && w.contains("instance " + properties.instanceId()))
                    // The replica, waking up, neither renews nor records anything: it says it lost the run.
                    .anyMatch(w -> w.equals("sync run " + stalledRun + " lost its lease; another instance took it over"));
        } finally {
            schwab.release();
            pool.shutdownNow();
        }
    }

    @Test
    void a429ToOneInstanceHoldsTheOtherOffForItsRetryAfter() {
        UUID mine = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        UUID replicas = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.failTransactionsCall(1, 429, "{\"message\":\"Too many requests\"}", "17");
        List<Instant> paused = new ArrayList<>();
        ClockSleeper.INSTANCE.duringNextWait(() -> {
            // This instance is waiting out the 429; meanwhile the replica syncs the other connection.
            paused.add(jdbc.sql("SELECT paused_until FROM provider_rate_limits WHERE provider = 'schwab'")
                    .query(Timestamp.class).single().toInstant());
            queue(replicas);
            replica.bean(SyncWorker.class).runDue();
        });
        queue(mine);

        assertThat(worker.runDue()).isEqualTo(1);

        assertThat(paused).as("the 429 paused schwab before this instance waited").hasSize(1);
        assertThat(runs(mine)).containsExactly("succeeded|" + properties.instanceId() + "|null");
        assertThat(runs(replicas)).containsExactly("succeeded|" + REPLICA + "|null");
        assertThat(jdbc.sql("SELECT wait_reason FROM sync_runs WHERE connection_id = :c").param("c", mine)
                .query(String.class).single()).contains("HTTP 429", "Retry-After 17 s");
        assertThat(jdbc.sql("SELECT waited_ms FROM sync_runs WHERE connection_id = :c").param("c", replicas)
                .query(Long.class).single()).isGreaterThan(15_000L);
        // Schwab saw nothing from either instance after its 429 until the Retry-After had passed.
        List<String> requests = schwab.requests();
        List<Instant> times = schwab.requestTimes();
        int throttled = indexOfFirstTransactionsCall(requests);
        assertThat(times.subList(throttled + 1, times.size())).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(t -> assertThat(t).isAfterOrEqualTo(paused.get(0)));
        assertThat(paused.get(0)).isAfterOrEqualTo(times.get(throttled).plusSeconds(17));
    }

    @Test
    void twoInstancesTogetherNeverSendMoreThanTheBudget() {
        UUID mine = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        UUID replicas = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        // A third instance spent 119 of Schwab's 120 requests of this minute, just now.
        Instant t = clock.instant();
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 119; i++) {
            sent.add(t.minusMillis(119 - i));
            jdbc.sql("INSERT INTO provider_requests (provider, admitted_at) VALUES ('schwab', :at)")
                    .param("at", Timestamp.from(sent.get(i))).update();
        }
        // While this instance waits for the budget, the replica syncs the other connection (and waits too).
        ClockSleeper.INSTANCE.duringNextWait(() -> {
            queue(replicas);
            replica.bean(SyncWorker.class).runDue();
        });
        queue(mine);

        assertThat(worker.runDue()).isEqualTo(1);

        assertThat(runs(mine)).containsExactly("succeeded|" + properties.instanceId() + "|null");
        assertThat(runs(replicas)).containsExactly("succeeded|" + REPLICA + "|null");
        assertThat(schwab.requestTimes()).hasSizeGreaterThanOrEqualTo(14);
        sent.addAll(schwab.requestTimes());
        Collections.sort(sent);
        for (int i = 0; i + 120 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 120))).as("121 requests within a minute from #" + i)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    private void queue(UUID connection) {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
    }

    /** Each run of the connection as status|instance|error, oldest first. */
    private List<String> runs(UUID connection) {
        return jdbc.sql("SELECT status, instance, error FROM sync_runs WHERE connection_id = :c ORDER BY queued_at")
                .param("c", connection).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                        + rs.getString(3)).list();
    }

    private List<String> warnings() {
        return List.copyOf(logs.events()).stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static int indexOfFirstTransactionsCall(List<String> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).contains("/transactions")) {
                return i;
            }
        }
        throw new AssertionError("no transactions call: " + requests);
    }
}
