package io.dashtam.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.imports.ImportFiles;
import io.dashtam.markets.EcbRates;
import io.dashtam.portfolio.AccountBatch;
import io.dashtam.portfolio.PortfolioStore;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import io.dashtam.web.PageSession;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * End to end: after the sandbox brokerage's first sync, each account's history reaches back to its oldest
 * transaction (derived from the balance, trades and the sandbox's price history over HTTPS), the performance
 * endpoint answers returns, a late transaction re-derives only the days it changes, conversion uses the built-in
 * ECB-format source fetched over HTTPS, and bad input is a 4xx problem.
 */
class InsightIT extends IntegrationTest {

    @Autowired
    EcbRates rates;

    @Autowired
    PortfolioStore store;

    @Autowired
    HistoryWorker worker;

    @Autowired
    HistoryQueue queue;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void historyFromDayOneReturnsAndALateTransaction() {
        var user = newUser();
        connectSandbox(user);
        derive(user);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));

        JsonNode h = user.client().get("/api/v1/history?from=" + today.minusDays(420) + "&to=" + today).json();
        assertThat(h.get("currency").asString()).isEqualTo("USD");
        Set<String> dates = new HashSet<>();
        h.get("points").forEach(p -> dates.add(p.get("date").asString()));
        assertThat(dates).hasSizeGreaterThanOrEqualTo(360);
        assertThat(h.get("points").get(0).get("kind").asString()).isEqualTo("derived");
        assertThat(h.get("missingSymbols")).isEmpty();
        // Every value is a decimal, none NaN or infinite.
        h.get("points").forEach(p -> assertThat(p.get("value").asString()).matches("-?\\d+\\.\\d{2}"));

        JsonNode perf = user.client().get("/api/v1/performance?from=" + today.minusDays(365) + "&to=" + today).json();
        assertThat(perf.get("currency").asString()).isEqualTo("USD");
        assertThat(new BigDecimal(perf.get("netContributions").asString())).isEqualByComparingTo("24000.00");
        assertThat(new BigDecimal(perf.get("income").asString())).isPositive();
        assertThat(perf.get("twr").asString()).matches("-?\\d+\\.\\d{4}");
        assertThat(perf.get("mwr").asString()).matches("-?\\d+\\.\\d{4}");
        assertThat(perf.get("mwrAnnualised").asBoolean()).isFalse();
        BigDecimal start = new BigDecimal(perf.get("startValue").asString());
        BigDecimal end = new BigDecimal(perf.get("endValue").asString());
        assertThat(end.subtract(start).subtract(new BigDecimal(perf.get("netContributions").asString())))
                .isEqualByComparingTo(perf.get("gain").asString());

        // A late transaction 100 days ago: only the days before it change (the balance today already held it).
        UUID cash = jdbc.sql("SELECT id FROM accounts WHERE user_id = CAST(:u AS uuid) AND type = 'CASH'")
                .param("u", user.userId()).query(UUID.class).single();
        Map<LocalDate, Object[]> before = values(cash);
        LocalDate late = today.minusDays(100);
        // Stored as a writer stores it (the sandbox's cash account is number 11112222): its transaction publishes
        // AccountRecordsChanged, which queues the account from the late day on.
        var stored = jdbc.sql("SELECT connection_id, name FROM accounts WHERE id = :a").param("a", cash)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).single();
        worker.stop(); // no background round: the queue is seen as the event left it
        try {
            store.store(new AccountBatch((UUID) stored[0], new io.dashtam.core.UserId(UUID.fromString(user.userId())),
                    new AccountBatch.Account("11112222", (String) stored[1], "CASH", java.util.Currency.getInstance("USD")),
                    null, null, java.util.List.of(new AccountBatch.Transaction("late-1", late.atTime(12, 0)
                            .toInstant(ZoneOffset.UTC), late, null, "ACH_RECEIPT", "VALID", "late deposit", null, null,
                            null, new BigDecimal("500")))));
            assertThat(jdbc.sql("SELECT from_day FROM history_pending WHERE account_id = :a").param("a", cash)
                    .query(LocalDate.class).single()).isEqualTo(late);
        } finally {
            worker.start();
        }
        derive(user);
        Map<LocalDate, Object[]> after = values(cash);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((day, row) -> {
            BigDecimal was = (BigDecimal) before.get(day)[0];
            BigDecimal now = (BigDecimal) row[0];
            if (day.isBefore(late) && !"reported".equals(row[2])) {
                assertThat(now).as(day.toString()).isEqualByComparingTo(was.subtract(new BigDecimal("500")));
            } else if (!day.equals(late)) {
                assertThat(now).as(day.toString()).isEqualByComparingTo(was);
                assertThat(row[1]).as("not rewritten: " + day).isEqualTo(before.get(day)[1]);
            }
        });

        // Bad input: 4xx problems, never a 5xx.
        var reversed = user.client().get("/api/v1/performance?from=" + today + "&to=" + today.minusDays(3));
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        var early = user.client().get("/api/v1/performance?from=1990-01-01&to=" + today);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().get("firstDay").asString()).isNotBlank();
        assertThat(user.client().get("/api/v1/performance?from=nope").status()).isEqualTo(400);
        assertThat(user.client().put("/api/v1/users/me/settings", Map.of("baseCurrency", "XYZ")).status())
                .isEqualTo(422);
        assertThat(user.client().get("/api/v1/users/me/settings").json().get("baseCurrency").asString())
                .as("by default the first account's currency").isEqualTo("USD");
        assertThat(user.client().put("/api/v1/prices", Map.of("symbol", "AAPL", "date", today.toString(), "close",
                "0")).status()).isEqualTo(422);
        assertThat(user.client().send("POST", "/api/v1/prices/import", "text/csv",
                "symbol,date,close\nAAPL," + today + ",-3\n", Map.of()).status()).isEqualTo(422);
        // Another user sees none of it.
        var other = newUser();
        assertThat(other.client().get("/api/v1/performance?accountId=" + cash).status()).isEqualTo(404);
        assertThat(other.client().get("/api/v1/history").json().get("points")).isEmpty();

        // In euros: the rates come from the built-in ECB-format source over HTTPS (history ZIP, then daily XML).
        assertThat(rates.refresh()).isPositive();
        assertThat(rates.refresh()).isGreaterThanOrEqualTo(0);
        var euro = user.client().put("/api/v1/users/me/settings", Map.of("baseCurrency", "eur"));
        assertThat(euro.status()).isEqualTo(200);
        assertThat(euro.json().get("baseCurrency").asString()).isEqualTo("EUR");
        assertThat(euro.json().get("baseCurrencyChosen").asBoolean()).isTrue();
        JsonNode eur = user.client().get("/api/v1/performance?from=" + today.minusDays(365) + "&to=" + today).json();
        assertThat(eur.get("currency").asString()).isEqualTo("EUR");
        JsonNode rate = eur.get("rates").get(0);
        assertThat(rate.get("from").asString()).isEqualTo("USD");
        assertThat(rate.get("source").asString()).isEqualTo("builtin");
        assertThat(new BigDecimal(eur.get("endValue").asString())).isNotEqualByComparingTo(end);
        assertThat(eur.get("twr").asString()).matches("-?\\d+\\.\\d{4}");
        // The dashboard in euros: the total, and the returns card names the last rate used with its source and day.
        var dashboard = PageSession.signIn(api(), user.email()).get("/app?range=1y");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"total\"").contains("data-currency=\"EUR\"")
                .contains("Converted into").contains("1 USD = " + rate.get("rate").asString() + " EUR (builtin, "
                        + rate.get("date").asString() + ")")
                .contains("data-value=\"" + eur.get("twr").asString() + "\"");
    }

    @Test
    void aRequestDuringADerivationKeepsTheAccountWaitingAndAGoneAccountIsSkipped() {
        var user = newUser();
        var id = new io.dashtam.core.UserId(UUID.fromString(user.userId()));
        UUID account = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO accounts (id, user_id, connection_id, provider_account_id, number_last4, name, type,
                    currency, created_at, updated_at)
                VALUES (:id, :u, :c, 'queue-test', '0001', 'Queue', 'CHECKING', 'USD', now(), now())""")
                .param("id", account).param("u", id.value()).param("c", UUID.randomUUID()).update();
        var now = clock.instant();
        LocalDate day = LocalDate.of(2026, 3, 1);
        worker.stop(); // this test is the only one claiming
        try {
            queue.request(account, id, day, now);
            var claims = queue.claim(10, java.time.Duration.ofMinutes(5), now).stream()
                    .filter(c -> c.accountId().equals(account)).toList();
            assertThat(claims).hasSize(1);
            assertThat(queue.claim(10, java.time.Duration.ofMinutes(5), now)).as("leased")
                    .noneMatch(c -> c.accountId().equals(account));
            queue.request(account, id, day.minusDays(40), now); // while it is being derived
            queue.done(claims.get(0));
            assertThat(queue.pending(id)).as("asked again meanwhile: still waiting").isTrue();
            assertThat(jdbc.sql("SELECT from_day FROM history_pending WHERE account_id = :a").param("a", account)
                    .query(LocalDate.class).single()).isEqualTo(day.minusDays(40));
            var again = queue.claim(10, java.time.Duration.ofMinutes(5), now).stream()
                    .filter(c -> c.accountId().equals(account)).toList();
            queue.done(again.get(0));
            assertThat(queue.pending(id)).isFalse();
            queue.request(UUID.randomUUID(), id, day, now);
            assertThat(queue.pending(id)).as("an account deleted before its event was handled").isFalse();
        } finally {
            worker.start();
        }
    }

    @Test
    void importedFilesGetDerivedHistoryAndImportedPricesFillTheCarriedDays() {
        var user = newUser();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String connection = user.client().post("/api/v1/connections", Map.of("provider", "file", "alias",
                "Statements")).json().get("id").asString();
        // A card CSV without a balance: the account held nothing before its first transaction.
        importFile(user, connection, "csv", "card.csv", Map.of("csv", Map.of("account", Map.of("number",
                "4000111122223333"), "columns", Map.of("date", "Date", "amount", "Amount"))));
        // An investment statement: 5,000 deposited on 2 January, 10 VTI bought on 10 January, 2,698.50 cash left.
        importFile(user, connection, "ofx", "brokerage.qfx", Map.of());
        derive(user);

        UUID card = account(user, "CHECKING");
        TreeMap<LocalDate, BigDecimal> posted = new TreeMap<>();
        jdbc.sql("SELECT trade_date, amount FROM transactions WHERE account_id = :a").param("a", card)
                .query((rs, n) -> posted.merge(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2), BigDecimal::add))
                .list();
        Map<LocalDate, Object[]> history = values(card);
        assertThat(history).hasSize((int) (today.toEpochDay() - posted.firstKey().toEpochDay()) + 2);
        BigDecimal running = BigDecimal.ZERO;
        for (LocalDate d = posted.firstKey().minusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            running = running.add(posted.getOrDefault(d, BigDecimal.ZERO));
            assertThat((BigDecimal) history.get(d)[0]).as(d.toString()).isEqualByComparingTo(running);
            assertThat(history.get(d)[2]).isEqualTo("derived");
        }

        UUID brokerage = account(user, "INVESTMENT");
        LocalDate deposit = LocalDate.of(2024, 1, 2);
        LocalDate buy = LocalDate.of(2024, 1, 10);
        var before = values(brokerage);
        assertThat((BigDecimal) before.get(deposit.minusDays(1))[0]).isEqualByComparingTo("0");
        assertThat((BigDecimal) before.get(buy.minusDays(1))[0]).isEqualByComparingTo("5000.00");
        assertThat(before.get(buy.minusDays(1))[2]).isEqualTo("derived");
        assertThat(before.get(buy.plusDays(1))[2]).as("no VTI price: carried, never guessed").isEqualTo("carried");
        assertThat((BigDecimal) before.get(buy.plusDays(1))[0]).isEqualByComparingTo("5000.00");
        assertThat(before.get(today)[2]).isEqualTo("reported");
        assertThat(user.client().get("/api/v1/history?accountId=" + brokerage + "&from=" + buy + "&to="
                + buy.plusDays(30)).json().get("missingSymbols").toString()).contains("VTI");

        // The user imports VTI's closes: the carried days are derived again with them, exactly.
        StringBuilder csv = new StringBuilder("symbol,date,close\n");
        for (LocalDate d = buy; d.isBefore(today); d = d.plusDays(1)) {
            csv.append("VTI,").append(d).append(',').append(close(d)).append('\n');
        }
        assertThat(user.client().send("POST", "/api/v1/prices/import", "text/csv", csv.toString(), Map.of())
                .status()).isEqualTo(200);
        derive(user);
        var after = values(brokerage);
        for (LocalDate d = buy; d.isBefore(today); d = d.plusDays(1)) {
            assertThat(after.get(d)[2]).as(d.toString()).isEqualTo("derived");
            assertThat((BigDecimal) after.get(d)[0]).as(d.toString())
                    .isEqualByComparingTo(new BigDecimal("2698.50").add(close(d).multiply(BigDecimal.TEN)));
        }
        assertThat(after.get(buy.minusDays(1))[1]).as("days before the buy not rewritten")
                .isEqualTo(before.get(buy.minusDays(1))[1]);
    }

    private static BigDecimal close(LocalDate d) {
        return new BigDecimal("230.00").add(BigDecimal.valueOf(d.getDayOfYear(), 2));
    }

    private UUID account(Caller user, String type) {
        return jdbc.sql("SELECT id FROM accounts WHERE user_id = CAST(:u AS uuid) AND type = :t")
                .param("u", user.userId()).param("t", type).query(UUID.class).single();
    }

    private static void importFile(Caller user, String connection, String format, String file,
            Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(options);
        body.put("connectionId", connection);
        body.put("format", format);
        body.put("content", ImportFiles.base64(ImportFiles.text(file)));
        var imported = user.client().send("POST", "/api/v1/imports", "application/json",
                TestClient.JSON.writeValueAsString(body), Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
    }

    private Map<LocalDate, Object[]> values(UUID account) {
        Map<LocalDate, Object[]> out = new HashMap<>();
        jdbc.sql("SELECT day, value, derived_at, kind FROM account_daily_values WHERE account_id = :a")
                .param("a", account).query((rs, n) -> out.put(rs.getDate(1).toLocalDate(), new Object[] {
                        rs.getBigDecimal(2), rs.getTimestamp(3), rs.getString(4)})).list();
        return out;
    }

    private void derive(Caller user) {
        HistoryDriver.deriveAll(context, user.userId());
    }

    private void connectSandbox(Caller user) {
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Play money"))
                .json().get("id").asString();
        String connect = user.client().get("/api/v1/connections/" + id + "/authorization").json().get("connectUrl")
                .asString();
        var browser = new Browser();
        var authorizePage = browser.get(Browser.location(browser.get(connect)));
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize",
                hiddenFields(authorizePage.body()) + "&decision=allow");
        assertThat(browser.get(Browser.location(decided)).statusCode()).isEqualTo(200);
        assertThat(io.dashtam.sync.SyncDriver.runDue(context)).isEqualTo(1);
    }

    static String hiddenFields(String html) {
        var m = Pattern.compile("type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(html);
        StringBuilder form = new StringBuilder();
        while (m.find()) {
            String value = m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">");
            form.append(form.length() == 0 ? "" : "&").append(m.group(1)).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        return form.toString();
    }
}
