package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Activity that stays pending longer than the re-fetch overlap (3 days): later syncs fetch again from the oldest
 * pending transaction, so it posts with its final amount, or is removed once the provider stops reporting it.
 */
class PendingTransactionsIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());
    private Caller caller;
    private UUID connection;
    private Instant day0;

    @BeforeEach
    void firstSyncWithAPendingAchDebit() {
        day0 = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        caller = newUser();
        connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.accounts(SchwabData.account("55556666", "HASHP", "CASH", "900.00", "900.00"));
        schwab.transaction("HASHP", day0.minus(Duration.ofDays(10)), ach(70, day0.minus(Duration.ofDays(10)),
                "VALID", "-50.00"));
        schwab.transaction("HASHP", day0.minus(Duration.ofHours(1)), ach(71, day0.minus(Duration.ofHours(1)),
                "PENDING", "-100.00"));
        JsonNode first = sync();
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("succeeded");
        assertThat(row("71")).isEqualTo("PENDING|-100.0000");
        // Five days of weekend and holiday later, with a daily sync in between that still sees it pending.
        clock.advance(Duration.ofDays(2));
        caller = SyncIT.relogin(api(), caller);
        assertThat(sync().get("status").asString()).isEqualTo("succeeded");
        clock.advance(Duration.ofDays(3));
        caller = SyncIT.relogin(api(), caller);
    }

    @Test
    void pendingForFiveDaysThenPostedWithItsFinalAmount() {
        schwab.clearTransactions("HASHP");
        schwab.transaction("HASHP", day0.minus(Duration.ofDays(10)), ach(70, day0.minus(Duration.ofDays(10)),
                "VALID", "-50.00"));
        schwab.transaction("HASHP", day0.minus(Duration.ofHours(1)), ach(71, day0.minus(Duration.ofHours(1)),
                "VALID", "-101.25"));
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("updated").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(row("71")).isEqualTo("VALID|-101.2500");
        assertThat(row("70")).isEqualTo("VALID|-50.0000");
        // Nothing pending is left, so the next sync goes back to the usual overlap: day 0 is not fetched again.
        int before = schwab.requests().size();
        assertThat(sync().get("status").asString()).isEqualTo("succeeded");
        assertThat(schwab.requests().subList(before, schwab.requests().size()))
                .filteredOn(r -> r.contains("/transactions")).isNotEmpty()
                .allMatch(r -> Instant.parse(SyncIT.startDate(r)).isAfter(day0));
    }

    @Test
    void pendingThenCancelledDisappearsInsteadOfStayingPending() {
        schwab.clearTransactions("HASHP");
        schwab.transaction("HASHP", day0.minus(Duration.ofDays(10)), ach(70, day0.minus(Duration.ofDays(10)),
                "VALID", "-50.00"));
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("removed").asInt()).isEqualTo(1);
        assertThat(row("71")).isNull();
        // Posted history the provider did not re-send in this window is not touched.
        assertThat(row("70")).isEqualTo("VALID|-50.0000");
        var pending = caller.client().get("/api/v1/transactions?status=PENDING").json().get("items");
        assertThat(pending).isEmpty();
    }

    private JsonNode sync() {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        worker.runDue();
        return caller.client().get("/api/v1/connections/" + connection + "/syncs/" + started.json().get("id")
                .asString()).json();
    }

    private String row(String id) {
        return jdbc.sql("""
                SELECT t.status || '|' || t.amount FROM transactions t JOIN accounts a ON a.id = t.account_id
                WHERE a.connection_id = :c AND t.provider_transaction_id = :id""")
                .param("c", connection).param("id", id).query(String.class).optional().orElse(null);
    }

    private static String ach(long id, Instant time, String status, String amount) {
        return SchwabData.dividend(id, time, status, amount).replace("DIVIDEND_OR_INTEREST", "ACH_DISBURSEMENT")
                .replace("INTEREST", "ACH DEBIT");
    }
}
