package io.dashtam.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.core.DatabaseBusyException;
import io.dashtam.sync.FakeSchwab;
import io.dashtam.sync.SchwabData;
import io.dashtam.sync.TestSyncConnections;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import io.dashtam.testing.SwitchingDataSource;
import io.dashtam.testing.TestClient;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 24: overload is not an outage. A replica with a pool of 5 (two for background work, so 3 requests at once)
 * is held by 3 slow requests (each waiting on a row lock with its connection); then 200 more requests answer 503
 * "server busy" with Retry-After within the admission bound, the outage gate stays open, /health stays UP, and a sync
 * running meanwhile (the background share) succeeds. A pool that times out while the database answers is busy too.
 */
class DatabaseOverloadIT extends IntegrationTest {

    @RegisterExtension
    static final Replica replica = Replica.withConfiguration(SmallPool.class,
            "--spring.datasource.hikari.maximum-pool-size=5", "--dashtam.database.pool.background-connections=2", "--dashtam.scheduling.enabled=true",
            "--dashtam.sync.poll-interval=200ms", "--dashtam.database.pool.request-statement-timeout=120s");

    /** The replica gets a real pool of its own (its configured size, 4), on the test class's database. */
    static class SmallPool {
        @org.springframework.context.annotation.Bean
        static org.springframework.beans.factory.config.BeanPostProcessor smallPool(
                org.springframework.core.env.Environment environment) {
            return new org.springframework.beans.factory.config.BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String name) {
                    if (!"switchingDataSource".equals(name)) {
                        return bean;
                    }
                    var db = SwitchingDataSource.instance().current();
                    HikariDataSource pool = new HikariDataSource();
                    pool.setJdbcUrl(db.jdbcUrl());
                    pool.setUsername(db.username());
                    pool.setPassword(db.password());
                    pool.setMaximumPoolSize(environment.getRequiredProperty(
                            "spring.datasource.hikari.maximum-pool-size", Integer.class));
                    pool.setPoolName("replica-of-4");
                    return pool;
                }
            };
        }
    }

    @Test
    void aSaturatedPoolAnswersBusyKeepsHealthUpAndLetsASyncFinish() throws Exception {
        var caller = newUser();
        TestClient api = replica.api().as(caller.accessToken());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        UUID registered = null;
        try (FakeSchwab schwab = new FakeSchwab("overload-" + UUID.randomUUID());
                Connection lock = SwitchingDataSource.instance().getConnection()) {
            schwab.accounts(SchwabData.account("12121212", "HASHO", "CASH", "5.00", "5.00"));
            Instant t = clock.instant().minus(Duration.ofDays(1));
            schwab.transaction("HASHO", t, SchwabData.dividend(701, t, "VALID", "7.01"));
            UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
            registered = connection;

            // Three slow requests, each holding a pooled connection while it waits for the row this test locks (NO KEY
            // UPDATE: rows referring to the user, events and runs, can still be written).
            lock.setAutoCommit(false);
            try (var statement = lock.prepareStatement("SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE")) {
                statement.setObject(1, UUID.fromString(caller.userId()));
                statement.executeQuery();
            }
            for (int i = 0; i < 3; i++) {
                // Their answers come after the client's timeout: what they did is checked in the database below.
                CompletableFuture.runAsync(() -> api.put("/api/v1/users/me/settings",
                        Map.of("timeZone", "Europe/Paris")), pool);
            }
            awaitLockWaits(3);

            // 200 more at once: each is refused as busy, quickly; nothing is an outage.
            long started = System.nanoTime();
            List<CompletableFuture<TestClient.Response>> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(CompletableFuture.supplyAsync(() -> api.get("/api/v1/accounts"), pool));
            }
            Map<String, Integer> answers = new TreeMap<>();
            for (var answer : burst) {
                var response = answer.get(60, TimeUnit.SECONDS);
                String key = response.status() + " " + (response.status() == 503
                        ? response.json().get("type").asString() + " Retry-After " + response.header("Retry-After")
                        : "");
                answers.merge(key.trim(), 1, Integer::sum);
            }
            Duration burstTime = Duration.ofNanos(System.nanoTime() - started);
            System.out.println("200 concurrent requests against a pool of 5 (3 for requests) held by 3 slow ones: " + answers
                    + " in " + burstTime.toMillis() + " ms");
            assertThat(answers).containsOnlyKeys("503 /problems/server-busy Retry-After 1");
            assertThat(replica.bean(DatabaseGate.class).isDown()).as("busy is not an outage").isFalse();

            var health = replica.api().get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("database").get("status").asString()).isEqualTo("UP");

            // A sync meanwhile (queued through the other replica: this one refuses requests) runs here on the
            // background share and succeeds.
            String run = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of()).json()
                    .get("id").asString();
            long syncStarted = System.nanoTime();
            String status = "queued";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!status.equals("succeeded") && !status.equals("failed") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                status = jdbc.sql("SELECT status FROM sync_runs WHERE id = :id").param("id", UUID.fromString(run))
                        .query(String.class).single();
            }
            assertThat(status).as("the sync ran while requests were refused").isEqualTo("succeeded");
            System.out.println("the sync during the overload took " + Duration.ofNanos(System.nanoTime()
                    - syncStarted).toMillis() + " ms");
            assertThat(awaitLockWaits()).as("the slow requests still wait").isEqualTo(3);

            lock.rollback();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!"Europe/Paris".equals(timeZone(caller.userId())) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(timeZone(caller.userId())).as("the slow requests went through once the row was free")
                    .isEqualTo("Europe/Paris");
        } finally {
            pool.shutdownNow();
            if (registered != null) {
                TestSyncConnections.forget(registered);
            }
        }
    }

    @Test
    void aPoolTimingOutWhileTheDatabaseAnswersIsBusyNotDown() throws Exception {
        var db = SwitchingDataSource.instance().current();
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl(db.jdbcUrl());
            hikari.setUsername(db.username());
            hikari.setPassword(db.password());
            hikari.setMaximumPoolSize(1);
            hikari.setConnectionTimeout(250);
            var gate = new DatabaseGate(new DatabaseOutageProperties(Duration.ofSeconds(1), Duration.ofMillis(250),
                    Duration.ofSeconds(5)));
            var shares = new ConnectionShares(new DatabasePoolProperties(1, Duration.ofSeconds(5),
                    Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(60)));
            int[] busy = {0};
            var gated = new GatedDataSource(hikari, gate, shares, where -> busy[0]++);
            try (Connection held = hikari.getConnection()) {
                assertThatThrownBy(() -> {
                    ConnectionShares.asRequest(() -> gated.getConnection().close());
                }).isInstanceOf(DatabaseBusyException.class);
            }
            assertThat(busy[0]).isOne();
            assertThat(gate.isDown()).isFalse();
            ConnectionShares.asRequest(() -> gated.getConnection().close());
        }
    }

    private String timeZone(String userId) {
        return jdbc.sql("SELECT coalesce(time_zone, '(none)') FROM users WHERE id = :id").param("id", UUID.fromString(userId))
                .query(String.class).single();
    }

    private long awaitLockWaits() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock'").query(Long.class).single();
    }

    /** Until {@code n} statements of this database wait for a lock. */
    private void awaitLockWaits(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (awaitLockWaits() < n) {
            assertThat(System.nanoTime()).as("%d requests waiting on the lock", n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
