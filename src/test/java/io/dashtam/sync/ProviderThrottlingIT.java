package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.ClockSleeper;
import io.dashtam.testing.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A provider that throttles (429 with Retry-After), fails transiently (503) or whose request budget is spent:
 * the run waits (through the injected clock), says so on its record, and succeeds; the budget of 120 requests a
 * minute is never exceeded.
 */
class ProviderThrottlingIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());
    private Caller caller;
    private UUID connection;
    private Instant now;

    @BeforeEach
    void connect() {
        ClockSleeper.INSTANCE.clear();
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        caller = newUser();
        connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.accounts(SchwabData.account("77778888", "HASHT", "CASH", "10.00", "10.00"));
        schwab.transaction("HASHT", now.minus(Duration.ofDays(1)),
                SchwabData.dividend(801, now.minus(Duration.ofDays(1)), "VALID", "8.01"));
        jdbc.sql("DELETE FROM provider_requests").update();
        jdbc.sql("DELETE FROM provider_rate_limits").update();
    }

    @Test
    void a429WithRetryAfterMakesTheRunWaitThatLongAndSucceed() {
        schwab.failTransactionsCall(1, 429, "{\"message\":\"Too many requests\"}", "17");
        Instant start = clock.instant();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.hasNonNull("error")).isFalse();
        assertThat(run.get("waitedSeconds").asLong()).isBetween(16L, 17L);
        assertThat(run.get("waitReason").asString()).contains("HTTP 429").contains("Retry-After 17 s");
        assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(17));
        assertThat(dividends()).isEqualTo(1);
    }

    @Test
    void a503ThenSuccessIsRetriedWithBackoff() {
        schwab.failTransactionsCall(1, 503, "{\"message\":\"Service unavailable\"}");
        int calls = schwab.transactionCalls();
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("waitReason").asString()).contains("HTTP 503");
        assertThat(schwab.transactionCalls() - calls).isGreaterThanOrEqualTo(2);
        assertThat(ClockSleeper.INSTANCE.waits()).hasSize(1);
        assertThat(dividends()).isEqualTo(1);
    }

    @Test
    void outagesLongerThanTheBoundedRetriesFailTheRunWithTheReason() {
        for (int i = 1; i <= 4; i++) {
            schwab.failTransactionsCall(i, 503, "{\"message\":\"Service unavailable\"}");
        }
        JsonNode run = sync();
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("GET /accounts/{hash}/transactions answered HTTP 503");
        assertThat(ClockSleeper.INSTANCE.waits()).hasSize(3);
    }

    @Test
    void aSpentBudgetMakesTheRunWaitAndTheLimitIsNeverExceeded() {
        // Another instance spent 119 of the 120 requests of this minute, just now.
        Instant t = clock.instant();
        List<Instant> sent = new ArrayList<>();
        for (int i = 0; i < 119; i++) {
            sent.add(t.minusMillis(119 - i));
            jdbc.sql("INSERT INTO provider_requests (provider, admitted_at) VALUES ('schwab', :at)")
                    .param("at", Timestamp.from(sent.get(i))).update();
        }
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        // The second request waits for the oldest of the 120 to leave the minute (less the real time the test took).
        assertThat(run.get("waitedSeconds").asLong()).isBetween(45L, 60L);
        assertThat(run.get("waitReason").asString()).contains("rate limit of schwab");
        // As Schwab counts them: every HTTP request that reached it (a run's accounts call is two of them), with
        // the other instance's 119. No minute holds more than 120.
        assertThat(schwab.requestTimes()).hasSizeGreaterThanOrEqualTo(3);
        sent.addAll(schwab.requestTimes());
        Collections.sort(sent);
        for (int i = 0; i + 120 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 120))).as("121 requests within a minute from #" + i)
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    private JsonNode sync() {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        worker.runDue();
        caller = SyncIT.relogin(api(), caller);
        return caller.client().get("/api/v1/connections/" + connection + "/syncs/" + started.json().get("id")
                .asString()).json();
    }

    private int dividends() {
        return jdbc.sql("""
                SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id
                WHERE a.connection_id = :c AND t.provider_transaction_id = '801'""")
                .param("c", connection).query(Integer.class).single();
    }
}
