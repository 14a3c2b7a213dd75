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
 * Malformed or partial provider payloads and a provider failing mid-pagination: the run ends failed with a reason
 * naming the field or call; nothing of a malformed answer is stored, and what is stored is always whole (an account,
 * or a window of one).
 */
class SyncFaultsIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());
    private Caller caller;
    private UUID connection;
    private Instant now;

    @BeforeEach
    void connectAndSyncOnce() {
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        caller = newUser();
        connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.accounts(
                SchwabData.account("11112222", "HASHA", "MARGIN", "1000.00", "100.00",
                        SchwabData.position("AAPL", "037833100", "1", "100", "150.00", "50.00")),
                SchwabData.account("33334444", "HASHB", "CASH", "2000.00", "2000.00",
                        SchwabData.position("MSFT", "594918104", "2", "300", "700.00", "100.00")));
        schwab.transaction("HASHA", now.minus(Duration.ofDays(3)),
                SchwabData.dividend(1, now.minus(Duration.ofDays(3)), "VALID", "1.00"));
        schwab.transaction("HASHB", now.minus(Duration.ofDays(3)),
                SchwabData.dividend(2, now.minus(Duration.ofDays(3)), "VALID", "2.00"));
        assertThat(sync().get("status").asString()).isEqualTo("succeeded");
        // What the provider says next would change every table, if it were stored.
        schwab.accounts(
                SchwabData.account("11112222", "HASHA", "MARGIN", "1111.11", "111.11",
                        SchwabData.position("AAPL", "037833100", "3", "100", "450.00", "150.00")),
                SchwabData.account("33334444", "HASHB", "CASH", "2222.22", "2222.22"));
        schwab.transaction("HASHA", now.minus(Duration.ofDays(1)),
                SchwabData.dividend(3, now.minus(Duration.ofDays(1)), "VALID", "3.00"));
        schwab.transaction("HASHB", now.minus(Duration.ofDays(1)),
                SchwabData.dividend(4, now.minus(Duration.ofDays(1)), "VALID", "4.00"));
        clock.advance(Duration.ofMinutes(5));
    }

    private JsonNode sync() {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).isEqualTo(202);
        worker.runDue();
        return caller.client().get("/api/v1/connections/" + connection + "/syncs/" + started.json().get("id")
                .asString()).json();
    }

    private void assertFailedAndUnchanged(String before, String reason) {
        JsonNode run = sync();
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).contains(reason);
        assertThat(run.get("finishedAt")).isNotNull();
        assertThat(run.toString()).doesNotContain(schwab.token());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void missingFieldsFailTheRunNamingTheFieldAndStoreNothing() {
        String before = snapshot();
        schwab.accountsBody("[" + SchwabData.account("11112222", "HASHA", "MARGIN", "1", "1").accountJson()
                .replace("\"accountNumber\":\"11112222\",", "") + "]");
        assertFailedAndUnchanged(before, "accounts[0].securitiesAccount.accountNumber: missing");
    }

    @Test
    void wrongTypesFailTheRun() {
        String before = snapshot();
        schwab.accountsBody("[" + SchwabData.account("11112222", "HASHA", "MARGIN", "\"a lot\"", "1").accountJson()
                + "]");
        assertFailedAndUnchanged(before, "accounts[0].aggregatedBalance.liquidationValue: not a number");
    }

    @Test
    void absurdNumbersFailTheRun() {
        String before = snapshot();
        schwab.accountsBody("[" + SchwabData.account("11112222", "HASHA", "MARGIN", "1e400", "1").accountJson() + "]");
        assertFailedAndUnchanged(before, "out of range");
    }

    @Test
    void aPartialTransactionInTheFirstAccountFailsTheRunBeforeAnythingIsStored() {
        String before = snapshot();
        schwab.transaction("HASHA", now.minus(Duration.ofHours(1)), "{\"activityId\":9,\"type\":\"TRADE\"}");
        assertFailedAndUnchanged(before, ".time: missing");
    }

    @Test
    void garbageJsonFailsTheRun() {
        String before = snapshot();
        schwab.accountsBody("[{\"securitiesAccount\":");
        assertFailedAndUnchanged(before, "GET /accounts answered malformed JSON");
    }

    @Test
    void providerFailingMidPaginationKeepsEarlierAccountsAndLeavesTheRestAsTheyWere() {
        String accountBBefore = snapshot("4444");
        // The incremental window (3 days of overlap plus 5 minutes) is one call per account: call 2 is account B's.
        // An outage outlasting the bounded retries (4 calls in all).
        for (int call = 2; call <= 5; call++) {
            schwab.failTransactionsCall(call, 500, "{\"message\":\"Internal error\"}");
        }
        JsonNode run = sync();
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).isEqualTo("GET /accounts/{hash}/transactions answered HTTP 500");
        // Account A's batch committed before the failure: its new balance, holding and transaction are there.
        assertThat(run.get("accounts").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE provider_transaction_id = '3'")
                .query(Integer.class).single()).isEqualTo(1);
        // Account B is exactly as before.
        assertThat(snapshot("4444")).isEqualTo(accountBBefore);
    }

    /**
     * Issue 24: windows are stored in short transactions of their own, so a failure half-way through an account keeps
     * the windows it stored whole (every row the provider holds in their ranges) and nothing of the account's new
     * balance or holdings; the next run, starting where this one started, completes the account.
     */
    @Test
    void aFailureAfterSomeWindowsKeepsThemWholeAndTheNextRunCompletesTheAccount() {
        String accountBBefore = snapshot("4444");
        clock.advance(Duration.ofDays(200)); // now two 90-day windows and more per account
        caller = SyncIT.relogin(api(), caller);
        // Seven failures in a row: with at most two windows in flight, one of them uses up its 4 attempts.
        for (int call = 2; call <= 8; call++) {
            schwab.failTransactionsCall(call, 503, "{\"message\":\"Service unavailable\"}");
        }
        JsonNode run = sync();
        assertThat(run.get("status").asString()).isEqualTo("failed");
        assertThat(run.get("error").asString()).contains("HTTP 503");
        assertThat(run.get("accounts").asInt()).isZero();
        // Account A's first window (holding dividend 3) was stored whole; its balance and holding are as before.
        assertThat(transactions("3")).isOne();
        assertThat(balance("2222")).isEqualTo("1000.0000");
        assertThat(snapshot("4444")).isEqualTo(accountBBefore);

        JsonNode next = sync();
        assertThat(next.get("status").asString()).as(next.toString()).isEqualTo("succeeded");
        assertThat(transactions("3")).isOne();
        assertThat(transactions("4")).isOne();
        assertThat(balance("2222")).isEqualTo("1111.1100");
        assertThat(balance("4444")).isEqualTo("2222.2200");
    }

    private long transactions(String providerId) {
        return jdbc.sql("""
                SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id
                WHERE t.provider_transaction_id = :id AND a.connection_id = :c""")
                .param("id", providerId).param("c", connection).query(Long.class).single();
    }

    /** The latest balance of the account ending in {@code last4}. */
    private String balance(String last4) {
        return jdbc.sql("""
                SELECT b.balance::text FROM balance_snapshots b JOIN accounts a ON a.id = b.account_id
                WHERE a.number_last4 = :l AND a.connection_id = :c ORDER BY b.as_of DESC LIMIT 1""")
                .param("l", last4).param("c", connection).query(String.class).single();
    }

    String snapshot() {
        return snapshot("");
    }

    String snapshot(String last4) {
        return PortfolioSnapshot.of(jdbc, last4);
    }
}
