package io.dashtam.sync;

import static io.dashtam.sync.SimplefinAnswers.account;
import static io.dashtam.sync.SimplefinAnswers.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.Replica;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The SimpleFIN Bridge's budget of about 24 requests a day per access URL, for manual and scheduled syncs alike,
 * shared through PostgreSQL by every replica: the 25th request of a day is never sent. A manual sync over the
 * budget is refused with 429 problem+json saying when the next one fits (nothing queued); a scheduled sync that
 * comes due meanwhile fails naming the budget, without a request; once the oldest request leaves the day, syncs
 * run again. Time moves with the test clock.
 */
class SimplefinBudgetIT extends SimplefinSyncIntegrationTest {

    private static final int DAILY_BUDGET = 24;

    /** A second replica on the same database; closed with the class (closing it closes the shared pool). */
    @RegisterExtension
    static final Replica replica = new Replica();

    private int runCount(String id) {
        return user.client().get("/api/v1/connections/" + id + "/syncs").json().size();
    }

    @Test
    void manualSyncsSpendTheDailyBudgetWithScheduledOnesAndAreRefusedWhenItIsSpentOnEveryReplica() {
        user = newUser();
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "100.00", clock.instant(), List.of()))));
        String id = SimplefinAnswers.connect(user, bridge);
        Instant beforeFirst = clock.instant();
        assertThat(worker.runDue()).isEqualTo(1); // the activation sync: the first request of the day
        Instant afterFirst = clock.instant();
        for (int i = 2; i <= DAILY_BUDGET; i++) {
            var started = user.client().post("/api/v1/connections/" + id + "/syncs", Map.of());
            assertThat(started.status()).as("manual sync %d: %s", i, started).isEqualTo(202);
            assertThat(worker.runDue()).isEqualTo(1);
            assertThat(lastRun(id).get("status").asString()).isEqualTo("succeeded");
            if (i % 5 == 0) {
                user = SyncIT.relogin(api(), user); // the runs' rate-limit waits move the clock
            }
        }
        assertThat(bridge.accountQueries()).hasSize(DAILY_BUDGET);

        var refused = user.client().post("/api/v1/connections/" + id + "/syncs", Map.of());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("24 requests a day").contains("spent")
                .contains("Scheduled syncs go on");
        Instant retryAt = Instant.parse(refused.json().get("retryAt").asString());
        // The oldest request of the window leaves it a day after it was sent.
        assertThat(retryAt).isBetween(beforeFirst.plus(Duration.ofDays(1)),
                afterFirst.plus(Duration.ofDays(1)).plusSeconds(1));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive().isCloseTo(Duration.between(clock.instant(), retryAt).toSeconds(),
                org.assertj.core.data.Offset.offset(2L));
        assertThat(refused.header("Strict-Transport-Security")).isNotNull();
        assertThat(runCount(id)).isEqualTo(DAILY_BUDGET);
        assertThat(jdbc.sql("SELECT count(*) FROM sync_runs WHERE status = 'queued'").query(Long.class).single())
                .isZero();

        // Another replica sees the same budget in PostgreSQL: refused there too, with the same time.
        var there = replica.api().as(user.accessToken()).post("/api/v1/connections/" + id + "/syncs", Map.of());
        assertThat(there.status()).as(there.toString()).isEqualTo(429);
        assertThat(Instant.parse(there.json().get("retryAt").asString())).isEqualTo(retryAt);

        // A scheduled sync that comes due meanwhile sends nothing and fails naming the budget; the connection stays
        // active.
        clock.advance(Duration.ofHours(13));
        user = SyncIT.relogin(api(), user);
        assertThat(worker.runDue()).isEqualTo(1);
        JsonNode scheduled = lastRun(id);
        assertThat(scheduled.get("trigger").asString()).isEqualTo("scheduled");
        assertThat(scheduled.get("status").asString()).isEqualTo("failed");
        assertThat(scheduled.get("error").asString()).contains("request not sent").contains("24 requests a day");
        assertThat(bridge.accountQueries()).hasSize(DAILY_BUDGET);
        assertThat(user.client().get("/api/v1/connections/" + id).json().get("status").asString())
                .isEqualTo("active");

        // Once the first request is a day old, a manual sync runs again.
        clock.advance(Duration.between(clock.instant(), retryAt).plusSeconds(1));
        user = SyncIT.relogin(api(), user);
        var again = user.client().post("/api/v1/connections/" + id + "/syncs", Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(lastRun(id).get("status").asString()).isEqualTo("succeeded");
        assertThat(bridge.accountQueries()).hasSize(DAILY_BUDGET + 1);
    }

    @Test
    void aRunAlreadyQueuedIsAnsweredEvenWithTheBudgetSpentAndADeletedConnectionTakesItsBudgetAlong() {
        user = newUser();
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "100.00", clock.instant(), List.of()))));
        String id = SimplefinAnswers.connect(user, bridge); // the activation sync is queued, not yet run
        jdbc.sql("""
                INSERT INTO provider_requests (provider, admitted_at)
                SELECT :key, :at FROM generate_series(1, 24)""")
                .param("key", "connection:" + id).param("at", java.sql.Timestamp.from(clock.instant())).update();
        var queued = user.client().post("/api/v1/connections/" + id + "/syncs", Map.of());
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        assertThat(queued.json().get("trigger").asString()).isEqualTo("activation");
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(lastRun(id).get("error").asString()).contains("request not sent");
        assertThat(bridge.accountQueries()).isEmpty();
        assertThat(user.client().post("/api/v1/connections/" + id + "/syncs", Map.of()).status()).isEqualTo(429);

        assertThat(user.client().delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM provider_requests WHERE provider = :key")
                .param("key", "connection:" + id).query(Long.class).single()).isZero();
    }
}
