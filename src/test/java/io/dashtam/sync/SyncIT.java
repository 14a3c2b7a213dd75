package io.dashtam.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Syncing a brokerage connection against a fake Schwab over HTTPS: storage, idempotency, runs, windows. */
class SyncIT extends IntegrationTest {

    @Autowired
    SyncWorker worker;

    @Autowired
    io.dashtam.providers.ProviderAccess providers;

    @RegisterExtension
    final FakeSchwab schwab = new FakeSchwab("access-" + UUID.randomUUID());

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private void twoAccounts() {
        schwab.accounts(
                SchwabData.account("11112222", "HASHA", "MARGIN", "15000.25", "2000.05",
                        SchwabData.position("AAPL", "037833100", "10", "150.5", "1890.10", "385.10"),
                        SchwabData.position("MSFT", "594918104", "5", "300", "2100.00", "600.00")),
                SchwabData.account("33334444", "HASHB", "CASH", "500.00", "500.00"));
        schwab.transaction("HASHA", now().minus(Duration.ofDays(200)), SchwabData.trade(1001, now().minus(
                Duration.ofDays(200)), "VALID", "AAPL", "10", "150.5", "-1505.00"));
        schwab.transaction("HASHA", now().minus(Duration.ofDays(2)), SchwabData.trade(1002, now().minus(
                Duration.ofDays(2)), "PENDING", "MSFT", "5", "300", "-1500.00"));
        schwab.transaction("HASHB", now().minus(Duration.ofDays(10)), SchwabData.dividend(2001, now().minus(
                Duration.ofDays(10)), "VALID", "1.23"));
    }

    private JsonNode syncNow(Caller caller, UUID connection) {
        var started = caller.client().post("/api/v1/connections/" + connection + "/syncs", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).endsWith(started.json().get("id").asString());
        assertThat(worker.runDue()).isGreaterThanOrEqualTo(1);
        var run = caller.client().get("/api/v1/connections/" + connection + "/syncs/" + started.json().get("id")
                .asString());
        assertThat(run.status()).isEqualTo(200);
        return run.json();
    }

    @Test
    void firstSyncStoresAccountsHoldingsAndTransactionsAndTheSecondChangesNothing() {
        var caller = newUser();
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        twoAccounts();

        JsonNode run = syncNow(caller, connection);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.get("trigger").asString()).isEqualTo("manual");
        assertThat(run.get("accounts").asInt()).isEqualTo(2);
        // 2 accounts + 2 balances + 2 holdings + 3 transactions
        assertThat(run.get("added").asInt()).isEqualTo(9);
        assertThat(run.get("startedAt")).isNotNull();
        assertThat(run.get("finishedAt")).isNotNull();

        var accounts = caller.client().get("/api/v1/accounts").json();
        assertThat(accounts).hasSize(2);
        assertThat(caller.client().get("/api/v1/accounts").body()).doesNotContain("11112222", "33334444");
        JsonNode margin = accounts.get(0).get("type").asString().equals("MARGIN") ? accounts.get(0) : accounts.get(1);
        assertThat(margin.get("number").asString()).isEqualTo("****2222");
        assertThat(margin.get("balance").get("amount").asString()).isEqualTo("15000.25");
        assertThat(margin.get("balance").get("currency").asString()).isEqualTo("USD");
        assertThat(margin.get("cash").get("amount").asString()).isEqualTo("2000.05");

        var holdings = caller.client().get("/api/v1/holdings?accountId=" + margin.get("id").asString()).json();
        assertThat(holdings).hasSize(2);
        JsonNode msft = holdings.get(0);
        assertThat(msft.get("symbol").asString()).isEqualTo("MSFT");
        assertThat(msft.get("costBasis").get("amount").asString()).isEqualTo("1500.00");
        assertThat(msft.get("marketValue").get("amount").asString()).isEqualTo("2100.00");
        assertThat(msft.get("unrealizedPl").get("amount").asString()).isEqualTo("600.00");

        var transactions = caller.client().get("/api/v1/transactions").json().get("items");
        assertThat(transactions).hasSize(3);
        assertThat(transactions.get(0).get("symbol").asString()).isEqualTo("MSFT");
        assertThat(transactions.get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(transactions.get(0).get("amount").get("amount").asString()).isEqualTo("-1500.00");

        String before = snapshot();
        JsonNode again = syncNow(caller, connection);
        assertThat(again.get("status").asString()).isEqualTo("succeeded");
        assertThat(again.get("added").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("removed").asInt()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aPendingTransactionThatPostsUpdatesItsRowAndAVanishedHoldingIsClosed() {
        var caller = newUser();
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        twoAccounts();
        syncNow(caller, connection);

        schwab.clearTransactions("HASHA");
        schwab.transaction("HASHA", now().minus(Duration.ofDays(2)), SchwabData.trade(1002, now().minus(
                Duration.ofDays(2)), "VALID", "MSFT", "5", "300", "-1500.65"));
        schwab.accounts(
                SchwabData.account("11112222", "HASHA", "MARGIN", "15000.25", "2000.05",
                        SchwabData.position("MSFT", "594918104", "5", "300", "2100.00", "600.00")),
                SchwabData.account("33334444", "HASHB", "CASH", "500.00", "500.00"));
        clock.advance(Duration.ofHours(1));
        caller = relogin(caller);
        JsonNode run = syncNow(caller, connection);
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("updated").asInt()).isEqualTo(1);
        assertThat(run.get("removed").asInt()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE provider_transaction_id = '1002'")
                .query(Integer.class).single()).isEqualTo(1);
        var posted = caller.client().get("/api/v1/transactions?status=VALID&symbol=msft").json().get("items");
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0).get("amount").get("amount").asString()).isEqualTo("-1500.65");
        assertThat(caller.client().get("/api/v1/transactions?status=PENDING").json().get("items")).isEmpty();

        assertThat(caller.client().get("/api/v1/holdings").json()).hasSize(1);
        var all = caller.client().get("/api/v1/holdings?includeClosed=true").json();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).get("symbol").asString()).isEqualTo("AAPL");
        assertThat(all.get(1).get("closedAt")).isNotNull();
    }

    @Test
    void requestsUseHashValuesAndWellFormedYearBoundedWindowsAndIncrementalSyncsOverlap() {
        var caller = newUser();
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        twoAccounts();
        Instant firstEnd = clock.instant();
        syncNow(caller, connection);
        List<String> first = schwab.requests().stream().filter(r -> r.contains("/transactions")).toList();
        assertThat(first).isNotEmpty().allMatch(r -> r.contains("/accounts/HASHA/") || r.contains("/accounts/HASHB/"))
                .noneMatch(r -> r.contains("11112222") || r.contains("33334444"))
                .allMatch(r -> r.matches(".*startDate=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d\\.\\d{3}Z.*"))
                .allMatch(r -> r.contains("types="));
        // The first sync backfills a year: the earliest window starts ~365 days back.
        String earliest = first.stream().map(SyncIT::startDate).sorted().findFirst().orElseThrow();
        assertThat(Duration.between(Instant.parse(earliest), firstEnd).toDays()).isBetween(364L, 366L);

        clock.advance(Duration.ofDays(1));
        caller = relogin(caller);
        int seen = schwab.requests().size();
        syncNow(caller, connection);
        List<String> second = schwab.requests().subList(seen, schwab.requests().size()).stream()
                .filter(r -> r.contains("/transactions")).toList();
        Instant start = Instant.parse(startDate(second.get(0)));
        // Overlaps the previous window by the configured 3 days.
        assertThat(Duration.between(start, firstEnd).toHours()).isBetween(71L, 73L);
    }

    @Test
    void theFakeRefusesPlainAccountNumbersAsSchwabDoes() {
        twoAccounts();
        // Through the Schwab adapter of the provider port, as the sync engine calls it.
        var client = TestSyncConnections.fetch(providers, schwab);
        var account = new io.dashtam.portfolio.AccountBatch.Account("11112222", null, "CASH",
                java.util.Currency.getInstance("USD"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.transactions(
                new io.dashtam.providers.ProviderAccount("11112222", account, null, null),
                now().minus(Duration.ofDays(1)), now())).hasMessageContaining("HTTP 400");
        assertThat(client.transactions(new io.dashtam.providers.ProviderAccount("HASHA", account, null, null),
                now().minus(Duration.ofDays(3)), now()).rows()).hasSize(1);
    }

    @Test
    void aWindowThatHitsTheRowCapIsSplitUntilEveryRowIsFetched() {
        var caller = newUser();
        UUID connection = TestSyncConnections.register(caller.userId(), "brokerage", "active", schwab);
        schwab.accounts(SchwabData.account("55556666", "HASHC", "CASH", "1.00", "1.00"));
        Instant base = now().minus(Duration.ofDays(5));
        for (int i = 0; i < 3500; i++) {
            Instant t = base.plusSeconds(i * 60L);
            schwab.transaction("HASHC", t, SchwabData.dividend(50_000 + i, t, "VALID", "0.01"));
        }
        JsonNode run = syncNow(caller, connection);
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("succeeded");
        assertThat(jdbc.sql("SELECT count(*) FROM transactions t JOIN accounts a ON a.id = t.account_id "
                + "WHERE a.connection_id = :c").param("c", connection).query(Integer.class).single()).isEqualTo(3500);
    }

    /** Access tokens live 15 minutes: after moving the clock, log in again. */
    Caller relogin(Caller caller) {
        return relogin(api(), caller);
    }

    static Caller relogin(io.dashtam.testing.TestClient api, Caller caller) {
        var login = api.post("/api/v1/sessions", Map.of("email", caller.email(), "password", PASSWORD));
        assertThat(login.status()).isEqualTo(201);
        String token = login.json().get("accessToken").asString();
        return new Caller(caller.userId(), caller.email(), token, login.json().get("refreshToken").asString(),
                api.as(token));
    }

    static String startDate(String request) {
        String value = request.replaceAll(".*startDate=([^&]+).*", "$1");
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every stored row with its timestamps: any write at all would show. */
    String snapshot() {
        return jdbc.sql("SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM accounts t").query(String.class)
                .single() + jdbc.sql("SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM holdings t")
                .query(String.class).single() + jdbc.sql("SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM "
                + "transactions t").query(String.class).single() + jdbc.sql("SELECT string_agg(t::text, '|' ORDER "
                + "BY t::text) FROM balance_snapshots t").query(String.class).single();
    }
}
