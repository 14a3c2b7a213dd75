package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.providers.FakeSchwab;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The OAuth callback queues a sync inside its own transaction. Authorizing a Schwab connection again (through the
 * browser flow against the fake Schwab) while its sync is queued or running, or while another instance's request
 * is queueing one at that very moment, meets the one-live-run rule: the callback still succeeds, stores the new
 * tokens and shares the live run instead of failing on a unique violation inside its transaction.
 */
class ReauthorizeWhileSyncingIT extends IntegrationTest {

    @RegisterExtension
    final FakeSchwab schwab = FakeSchwab.instance();

    @Autowired
    SyncWorker worker;
    @Autowired
    SyncJobs jobs;
    @Autowired
    SyncProperties properties;
    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void clearConnections() {
        TestSyncConnections.clear();
    }

    @Test
    void authorizingAgainWhileTheSyncIsQueuedOrRunningSucceedsAndSharesTheLiveRun() {
        Caller caller = newUser();
        var created = caller.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "Schwab"));
        assertThat(created.status()).isEqualTo(201);
        UUID connection = UUID.fromString(created.json().get("id").asString());

        authorize(caller, connection);
        List<String> afterFirst = runs(connection);
        assertThat(afterFirst).hasSize(1).allMatch(r -> r.endsWith("|queued|activation"));

        // Again while the activation sync is queued: same run, new tokens.
        String tokensBefore = tokens(connection);
        authorize(caller, connection);
        assertThat(runs(connection)).isEqualTo(afterFirst);
        assertThat(tokens(connection)).isNotEqualTo(tokensBefore);
        assertThat(status(connection)).isEqualTo("active");

        // And while it runs on another instance.
        var claim = jobs.claimNext("replica-b", clock.instant(), properties.lease()).orElseThrow();
        authorize(caller, connection);
        assertThat(runs(connection)).containsExactly(claim.runId() + "|running|activation");
        assertThat(status(connection)).isEqualTo("active");

        // That instance dies; this one takes the job over and syncs with the newest tokens.
        clock.advance(properties.lease().plus(Duration.ofSeconds(1)));
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM sync_runs WHERE connection_id = :c ORDER BY queued_at")
                .param("c", connection).query(String.class).list()).containsExactly("failed", "succeeded");
        assertThat(jdbc.sql("SELECT count(*) FROM accounts WHERE connection_id = :c").param("c", connection)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCallbackRacingAnotherInstancesSyncRequestStillConnects() throws Exception {
        Caller caller = newUser();
        var created = caller.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "Schwab"));
        UUID connection = UUID.fromString(created.json().get("id").asString());
        authorize(caller, connection);
        assertThat(worker.runDue()).isEqualTo(1);

        // Another replica's "Sync now" has queued a run and not committed yet when the callback queues its own:
        // the callback's insert waits on the one-live-run index, then meets the committed run.
        Browser browser = new Browser();
        String callback = approve(caller, connection, browser);
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<SyncRun> request = pool.submit(() -> new TransactionTemplate(transactions).execute(s -> {
                SyncRun run = jobs.request(connection, UserId.of(caller.userId()), "manual", clock.instant());
                queued.countDown();
                await(commit);
                return run;
            }));
            assertThat(queued.await(30, TimeUnit.SECONDS)).isTrue();
            Future<HttpResponse<String>> done = pool.submit(() -> browser.get(callback));
            awaitLockWait();
            commit.countDown();
            var page = done.get(60, TimeUnit.SECONDS);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("Connected");
            UUID manual = request.get(60, TimeUnit.SECONDS).id();
            assertThat(runs(connection)).last().isEqualTo(manual + "|queued|manual");
            assertThat(runs(connection)).hasSize(2);
            assertThat(status(connection)).isEqualTo("active");
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    /** The browser dance: Dashtam's connect link, Schwab's approval, the callback on the listener. */
    private void authorize(Caller caller, UUID connection) {
        Browser browser = new Browser();
        var done = browser.get(approve(caller, connection, browser));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Connected");
    }

    /** Up to Schwab's redirect back: the callback URL, for the browser that started the flow. */
    private String approve(Caller caller, UUID connection, Browser browser) {
        var auth = caller.client().get("/api/v1/connections/" + connection + "/authorization");
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        var connect = browser.get(auth.json().get("connectUrl").asString());
        assertThat(connect.statusCode()).isEqualTo(302);
        var approved = browser.get(Browser.location(connect));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        return Browser.location(approved);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until a statement of this database waits for a lock (the callback's insert behind the open request). */
    private void awaitLockWait() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the callback waiting for the other request").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Live and past runs as id|status|trigger. */
    private List<String> runs(UUID connection) {
        return jdbc.sql("SELECT id, status, trigger FROM sync_runs WHERE connection_id = :c ORDER BY queued_at")
                .param("c", connection).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                        + rs.getString(3)).list();
    }

    private String tokens(UUID connection) {
        return jdbc.sql("SELECT encode(sealed, 'hex') FROM provider_tokens WHERE connection_id = :c")
                .param("c", connection).query(String.class).single();
    }

    private String status(UUID connection) {
        return jdbc.sql("SELECT status FROM provider_connections WHERE id = :id").param("id", connection)
                .query(String.class).single();
    }
}
