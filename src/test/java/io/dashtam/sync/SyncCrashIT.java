package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
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
 * The app started as its own process ({@code java -jar dashtam.jar}, DATABASE_URL at this test's database, the
 * test certificate, a fake Schwab) is killed with {@code kill -9} while it syncs the second account. The first
 * account's batch stays committed, the second account stays exactly as it was, and once the lease lapses this
 * instance takes the job over: the orphaned run ends failed with the reason, and the next run completes.
 */
class SyncCrashIT extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Autowired
    SyncWorker worker;

    @Value("${dashtam.crypto.encryption-keys}")
    String encryptionKeys;

    @Test
    void killedMidSyncTheRunIsTakenOverAndEarlierDataStaysAsItWas() throws Exception {
        var caller = newUser();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (FakeSchwab schwab = new FakeSchwab("crash-access-token")) {
            schwab.accounts(
                    SchwabData.account("10101010", "HASH1", "MARGIN", "100.00", "10.00",
                            SchwabData.position("AAPL", "037833100", "1", "90", "100.00", "10.00")),
                    SchwabData.account("20202020", "HASH2", "CASH", "200.00", "200.00",
                            SchwabData.position("MSFT", "594918104", "1", "150", "190.00", "40.00")));
            schwab.transaction("HASH1", now.minus(Duration.ofDays(2)),
                    SchwabData.dividend(1, now.minus(Duration.ofDays(2)), "VALID", "1.00"));
            schwab.transaction("HASH2", now.minus(Duration.ofDays(2)),
                    SchwabData.dividend(2, now.minus(Duration.ofDays(2)), "VALID", "2.00"));
            // The app process reaches the fake through the providers module (a seeded Schwab connection with sealed
            // tokens, SCHWAB_API_BASE_URL at the fake); this instance through the test registry, same fake.
            UUID connection = seedSchwabConnection(caller.userId(), schwab.token());
            TestSyncConnections.register(connection, caller.userId(), "brokerage", "active", schwab);

            // A first sync in this instance stores both accounts.
            caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
            assertThat(worker.runDue()).isEqualTo(1);
            assertThat(runStatuses(connection)).containsExactly("succeeded");
            String accountTwoBefore = snapshot("2020");

            // New data everywhere; the second account's transactions call hangs until the process is dead.
            schwab.accounts(
                    SchwabData.account("10101010", "HASH1", "MARGIN", "111.00", "11.00",
                            SchwabData.position("AAPL", "037833100", "2", "90", "222.00", "42.00")),
                    SchwabData.account("20202020", "HASH2", "CASH", "222.00", "222.00"));
            schwab.transaction("HASH1", now.minus(Duration.ofHours(1)),
                    SchwabData.dividend(3, now.minus(Duration.ofHours(1)), "VALID", "3.00"));
            schwab.transaction("HASH2", now.minus(Duration.ofHours(1)),
                    SchwabData.dividend(4, now.minus(Duration.ofHours(1)), "VALID", "4.00"));
            schwab.holdTransactionsCall(2);
            caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());

            Process app = startApp(schwab);
            try {
                assertThat(schwab.awaitHeld(Duration.ofMinutes(4))).as("the app reached the second account").isTrue();
                assertThat(jdbc.sql("SELECT instance FROM sync_runs WHERE status = 'running'").query(String.class)
                        .single()).isEqualTo("crash-instance");
                app.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful anything
                assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                app.destroyForcibly();
                schwab.release();
            }
            // The first account's batch had committed; the second is exactly as before.
            assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE provider_transaction_id = '3'")
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(snapshot("2020")).isEqualTo(accountTwoBefore);
            assertThat(runStatuses(connection)).containsExactly("succeeded", "running");

            // Nobody renews the lease now; once it lapses, this instance takes the job over.
            assertThat(worker.runDue()).as("the lease still holds").isZero();
            clock.advance(LEASE.plusSeconds(2));
            assertThat(worker.runDue()).isEqualTo(1);
            var orphan = jdbc.sql("SELECT status, error, finished_at IS NOT NULL FROM sync_runs WHERE instance = "
                    + "'crash-instance'").query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                    + rs.getBoolean(3)).single();
            assertThat(orphan).startsWith("failed|lease expired: instance crash-instance").endsWith("|true");
            assertThat(runStatuses(connection)).containsExactly("succeeded", "failed", "succeeded");
            assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE provider_transaction_id = '4'")
                    .query(Integer.class).single()).isEqualTo(1);
        } finally {
            TestSyncConnections.clear();
        }
    }

    private UUID seedSchwabConnection(String userId, String accessToken) {
        return ChildApp.seedSchwabConnection(jdbc, clock, encryptionKeys, userId, accessToken);
    }

    private Process startApp(FakeSchwab schwab) throws Exception {
        return ChildApp.start(schwab, encryptionKeys, "crash-instance",
                Map.of("DASHTAM_SYNC_LEASE", LEASE.toSeconds() + "s"));
    }

    private java.util.List<String> runStatuses(UUID connection) {
        return jdbc.sql("SELECT status FROM sync_runs WHERE connection_id = :c ORDER BY queued_at, started_at")
                .param("c", connection).query(String.class).list();
    }

    String snapshot(String last4) {
        return PortfolioSnapshot.of(jdbc, last4);
    }
}
