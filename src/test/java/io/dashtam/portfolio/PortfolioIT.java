package io.dashtam.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The read API over data written through the real store: pagination, filters, history and net worth. */
class PortfolioIT extends IntegrationTest {

    @Autowired
    PortfolioStore store;

    private static AccountBatch.Transaction tx(String id, Instant time, String type, String status, String symbol,
            String amount) {
        return new AccountBatch.Transaction(id, time, time.atOffset(ZoneOffset.UTC).toLocalDate(), null, type, status,
                "T " + id, symbol, null, null, new BigDecimal(amount));
    }

    private static AccountBatch batch(Caller caller, UUID connection, String number, String currency, String balance,
            List<AccountBatch.Transaction> transactions) {
        return new AccountBatch(connection, UserId.of(caller.userId()), new AccountBatch.Account(number, null,
                "CHECKING", Currency.getInstance(currency)), new AccountBatch.Balance(new BigDecimal(balance), null),
                null, transactions);
    }

    @Test
    void transactionsPageInAStableOrderWithFilters() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        Instant base = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(30));
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a timestamp, so the order must break ties by id.
            Instant t = base.plus(Duration.ofHours(i / 2 * 24L));
            rows.add(tx("p" + i, t, i % 3 == 0 ? "TRADE" : "JOURNAL", i % 5 == 0 ? "PENDING" : "VALID",
                    i % 3 == 0 ? "AAPL" : null, "-" + i + ".25"));
        }
        var result = store.store(batch(caller, connection, "1234567890", "USD", "100", rows));
        assertThat(result.added()).isEqualTo(26);
        String accountId = result.accountId().toString();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = caller.client().get("/api/v1/transactions?limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("description").asString()));
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null
                    : page.get("nextCursor").asString();
            pages++;
            if (pages == 2) {
                // New rows arriving between pages do not shift or repeat what follows.
                store.store(batch(caller, connection, "1234567890", "USD", "100",
                        List.of(tx("new", clock.instant(), "JOURNAL", "VALID", null, "1"))));
            }
        } while (cursor != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().doesNotContain("T new");
        assertThat(seen.get(0)).isEqualTo("T p24");
        assertThat(seen.subList(1, 3)).containsExactly("T p23", "T p22");

        var trades = caller.client().get("/api/v1/transactions?type=trade&symbol=aapl&limit=100").json().get("items");
        assertThat(trades).hasSize(9).allMatch(t -> t.get("symbol").asString().equals("AAPL"));
        var pending = caller.client().get("/api/v1/transactions?status=PENDING&accountId=" + accountId).json();
        assertThat(pending.get("items")).hasSize(5);
        LocalDate day = base.atOffset(ZoneOffset.UTC).toLocalDate();
        var range = caller.client().get("/api/v1/transactions?from=" + day + "&to=" + day.plusDays(1)).json();
        assertThat(range.get("items")).hasSize(4);
        var amount = range.get("items").get(0).get("amount");
        assertThat(amount.get("amount").asString()).isEqualTo("-3.25");
        assertThat(amount.get("currency").asString()).isEqualTo("USD");
    }

    @Test
    void badQueriesAre4xxProblems() {
        var caller = newUser();
        for (String query : List.of("limit=0", "limit=501", "cursor=bm9wZQ", "status=MAYBE",
                "from=2024-02-01&to=2024-01-01", "from=yesterday")) {
            var response = caller.client().get("/api/v1/transactions?" + query);
            assertThat(response.status()).as(query).isBetween(400, 422);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(caller.client().get("/api/v1/accounts/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(caller.client().get("/api/v1/transactions?accountId=" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(caller.client().get("/api/v1/net-worth/history?from=1990-01-01").status()).isEqualTo(422);
    }

    @Test
    void balanceHistoryAndNetWorthPerCurrencyWithADailySeries() {
        var caller = newUser();
        UUID connection = UUID.randomUUID();
        LocalDate start = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        store.store(batch(caller, connection, "111", "USD", "100.00", List.of()));
        var euro = store.store(batch(caller, connection, "222", "EUR", "50.50", List.of()));
        clock.advance(Duration.ofDays(1));
        store.store(batch(caller, connection, "111", "USD", "150.00", List.of()));
        clock.advance(Duration.ofDays(1));
        var usd = store.store(batch(caller, connection, "333", "USD", "10.01", List.of()));
        caller = relogin(caller);

        var history = caller.client().get("/api/v1/accounts/" + euro.accountId() + "/balances?from=" + start).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("balance").get("amount").asString()).isEqualTo("50.50");

        var now = caller.client().get("/api/v1/net-worth").json();
        assertThat(totals(now.get("totals"))).containsExactlyInAnyOrderEntriesOf(Map.of("EUR", "50.50",
                "USD", "160.01"));

        var series = caller.client().get("/api/v1/net-worth/history?from=" + start + "&to=" + start.plusDays(2))
                .json().get("series");
        Map<String, List<String>> byCurrency = new java.util.HashMap<>();
        series.forEach(s -> {
            List<String> points = new ArrayList<>();
            s.get("points").forEach(p -> points.add(p.get("date").asString() + "=" + p.get("amount").asString()));
            byCurrency.put(s.get("currency").asString(), points);
        });
        // The EUR balance carries forward; USD adds the third account on day 3.
        assertThat(byCurrency.get("EUR")).containsExactly(start + "=50.50", start.plusDays(1) + "=50.50",
                start.plusDays(2) + "=50.50");
        assertThat(byCurrency.get("USD")).containsExactly(start + "=100.00", start.plusDays(1) + "=150.00",
                start.plusDays(2) + "=160.01");

        var account = caller.client().get("/api/v1/accounts/" + usd.accountId()).json();
        assertThat(account.get("number").asString()).isEqualTo("****333");
        assertThat(account.get("balance").get("amount").asString()).isEqualTo("10.01");
    }

    @Test
    void storingTheSameBatchTwiceChangesNothingAndAnotherUsersIdsAre404() {
        var owner = newUser();
        UUID connection = UUID.randomUUID();
        var rows = List.of(tx("a", clock.instant(), "TRADE", "VALID", "X", "1.10"));
        var first = store.store(batch(owner, connection, "999", "USD", "1.00", rows));
        var second = store.store(batch(owner, connection, "999", "USD", "1.00", rows));
        assertThat(second.added() + second.updated() + second.removed()).isZero();
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.accountId()).isEqualTo(first.accountId());

        var other = newUser();
        String id = first.accountId().toString();
        for (String path : List.of("/api/v1/accounts/" + id, "/api/v1/accounts/" + id + "/balances",
                "/api/v1/holdings?accountId=" + id, "/api/v1/transactions?accountId=" + id)) {
            assertThat(other.client().get(path).status()).as(path).isEqualTo(404);
        }
        Set<String> ids = new HashSet<>();
        other.client().get("/api/v1/accounts").json().forEach(a -> ids.add(a.get("id").asString()));
        assertThat(ids).doesNotContain(id);
        assertThat(other.client().get("/api/v1/transactions").json().get("items")).isEmpty();
    }

    private static Map<String, String> totals(JsonNode totals) {
        Map<String, String> out = new java.util.HashMap<>();
        totals.forEach(t -> out.put(t.get("currency").asString(), t.get("amount").asString()));
        return out;
    }

    private Caller relogin(Caller caller) {
        var login = api().post("/api/v1/sessions", Map.of("email", caller.email(), "password", PASSWORD));
        String token = login.json().get("accessToken").asString();
        return new Caller(caller.userId(), caller.email(), token, login.json().get("refreshToken").asString(),
                api().as(token));
    }
}
