package io.dashtam.sync;

import static io.dashtam.sync.SimplefinAnswers.account;
import static io.dashtam.sync.SimplefinAnswers.pending;
import static io.dashtam.sync.SimplefinAnswers.posted;
import static io.dashtam.sync.SimplefinAnswers.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the SimpleFIN bridge reports beside and about its data, through the real sync engine against the strict fake
 * bridge over HTTPS: its {@code errors} kept on the run and the connection (sanitized, bounded, escaped on the page,
 * cleared by a later run without), {@code balance-date} as the balance's as-of, and a pending transaction the bridge
 * re-posts under a new id. Time moves with the test clock; each scheduled sync is one bridge request.
 */
class SimplefinBridgeReportsIT extends SimplefinSyncIntegrationTest {

    /** The next scheduled sync (SimpleFIN's 12 h interval) with a fresh login, as a day of the user's later. */
    private JsonNode nextScheduledSync(String id, Duration later) {
        clock.advance(later);
        user = SyncIT.relogin(api(), user);
        assertThat(worker.runDue()).isEqualTo(1);
        return lastRun(id);
    }

    private JsonNode accountNamed(String name) {
        return StreamSupport.stream(user.client().get("/api/v1/accounts").json().spliterator(), false)
                .filter(a -> a.get("name").asString().endsWith(name)).findFirst().orElseThrow();
    }

    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void bridgeErrorsAreKeptOnTheRunAndTheConnectionBoundedEscapedAndClearedByALaterRunWithout() {
        user = newUser();
        Instant now = clock.instant();
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "100.00", now, List.of()),
                account("sav-1", "Savings", "500.00", now, List.of()))));
        String id = SimplefinAnswers.connect(user, bridge);
        assertThat(worker.runDue()).isEqualTo(1);
        JsonNode first = lastRun(id);
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.get("warnings")).isEmpty();
        JsonNode clean = user.client().get("/api/v1/connections/" + id).json();
        assertThat(clean.get("warnings")).isEmpty();
        assertThat(absent(clean, "warningsAt")).isTrue();

        // The bridge cannot reach the savings account's bank: 18 errors beside partial data.
        List<String> errors = new ArrayList<>(List.of(
                "Could not reach <b>Other Bank</b>\u0000: sign in at https://me:pw@other.example",
                "AT&T <unterminated \u202Eright-to-left", "x".repeat(2000)));
        for (int i = 0; i < 15; i++) {
            errors.add("Bank " + i + " is down");
        }
        bridge.answer(set(errors, List.of(account("chk-1", "Checking", "90.00", clock.instant(), List.of()))));
        JsonNode second = nextScheduledSync(id, Duration.ofHours(13));
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("succeeded");
        List<String> runWarnings = strings(second.get("warnings"));
        assertThat(runWarnings).hasSize(10).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(300))
                .startsWith("Could not reach Other Bank: sign in at https://other.example",
                        "AT&T <unterminated right-to-left")
                .endsWith("… and 9 more messages from the provider");
        assertThat(runWarnings.get(2)).startsWith("xxxx").hasSize(300).endsWith("…");
        assertThat(String.join("", runWarnings)).doesNotContain("me:pw").doesNotContain("\u0000")
                .doesNotContain("\u202E").doesNotContain("<b>");

        JsonNode warned = user.client().get("/api/v1/connections/" + id).json();
        assertThat(strings(warned.get("warnings"))).isEqualTo(runWarnings);
        assertThat(Instant.parse(warned.get("warningsAt").asString())).isBetween(
                Instant.parse(second.get("startedAt").asString()), Instant.parse(second.get("finishedAt").asString()));
        var listed = StreamSupport.stream(user.client().get("/api/v1/connections").json().spliterator(), false)
                .filter(c -> c.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(strings(listed.get("warnings"))).isEqualTo(runWarnings);
        // Partial data: the account the bridge could not read is kept open, not closed.
        assertThat(absent(accountNamed("Savings"), "closedAt")).isTrue();
        assertThat(accountNamed("Checking").get("balance").get("amount").asString()).isEqualTo("90.00");

        String page = connectionPage(id);
        assertThat(page).contains("The provider reported problems").contains("AT&amp;T &lt;unterminated")
                .doesNotContain("AT&T <unterminated").contains("Could not reach Other Bank");

        // The next run without errors clears the connection's warnings (the earlier run keeps its own).
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "80.00", clock.instant(), List.of()))));
        JsonNode third = nextScheduledSync(id, Duration.ofHours(13));
        assertThat(third.get("status").asString()).isEqualTo("succeeded");
        assertThat(third.get("warnings")).isEmpty();
        JsonNode cleared = user.client().get("/api/v1/connections/" + id).json();
        assertThat(cleared.get("warnings")).isEmpty();
        assertThat(absent(cleared, "warningsAt")).isTrue();
        assertThat(strings(user.client().get("/api/v1/connections/" + id + "/syncs/" + second.get("id").asString())
                .json().get("warnings"))).isEqualTo(runWarnings);
        assertThat(connectionPage(id)).doesNotContain("The provider reported problems");
        // With a complete answer, the account the bridge no longer reports is closed.
        assertThat(absent(accountNamed("Savings"), "closedAt")).isFalse();
        assertThat(bridge.accountQueries()).hasSize(3);
    }

    @Test
    void theBridgesBalanceDateIsTheBalancesAsOfAndAnOlderReportNeverReplacesANewerOne() {
        user = newUser();
        Instant now = clock.instant();
        Instant reported = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "100.00", reported, List.of()),
                account("ahead-1", "Clock Ahead", "5.00", now.plus(Duration.ofDays(7)), List.of()))));
        String id = SimplefinAnswers.connect(user, bridge);
        Instant before = clock.instant();
        assertThat(worker.runDue()).isEqualTo(1);
        Instant after = clock.instant();
        assertThat(lastRun(id).get("status").asString()).isEqualTo("succeeded");

        JsonNode checking = accountNamed("Checking");
        assertThat(Instant.parse(checking.get("balanceAsOf").asString())).isEqualTo(reported);
        var history = user.client().get("/api/v1/accounts/" + checking.get("id").asString() + "/balances").json();
        assertThat(history).singleElement().satisfies(p -> {
            assertThat(p.get("date").asString()).isEqualTo(LocalDate.ofInstant(reported, ZoneOffset.UTC).toString());
            assertThat(Instant.parse(p.get("asOf").asString())).isEqualTo(reported);
        });
        // A balance-date ahead of our clock is not the future: the snapshot is dated by the sync.
        assertThat(Instant.parse(accountNamed("Clock Ahead").get("balanceAsOf").asString())).isBetween(before, after);

        // A newer report of the same amount moves the as-of; an older one of that day, later, changes nothing.
        Instant newer = clock.instant().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofHours(12));
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "100.00", newer, List.of()))));
        nextScheduledSync(id, Duration.ofHours(13));
        assertThat(Instant.parse(accountNamed("Checking").get("balanceAsOf").asString())).isEqualTo(newer);
        bridge.answer(set(List.of(), List.of(account("chk-1", "Checking", "999.00", newer.minusSeconds(3600),
                List.of()))));
        nextScheduledSync(id, Duration.ofHours(13));
        JsonNode kept = accountNamed("Checking");
        assertThat(Instant.parse(kept.get("balanceAsOf").asString())).isEqualTo(newer);
        assertThat(kept.get("balance").get("amount").asString()).isEqualTo("100.00");
    }

    @Test
    void aPendingTransactionRepostedUnderANewIdReplacesThePendingOneWithoutDoubleCounting() {
        user = newUser();
        Instant day0 = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant swiped = day0.minus(Duration.ofHours(1));
        var rent = posted("t-rent", day0.minus(Duration.ofDays(1)), "-1234.5600", "Rent");
        bridge.answer(set(List.of(), List.of(account("card-1", "Card", "-1276.66", day0,
                List.of(rent, pending("p-swipe", swiped, "-42.10", "Coffee roasters"))))));
        String id = SimplefinAnswers.connect(user, bridge);
        assertThat(worker.runDue()).isEqualTo(1);
        assertThat(lastRun(id).get("status").asString()).isEqualTo("succeeded");
        assertThat(transactions()).containsExactlyInAnyOrder("Rent VALID -1234.56", "Coffee roasters PENDING -42.10");

        // Five days later (longer than the 3-day re-fetch overlap) it is still pending...
        bridge.answer(set(List.of(), List.of(account("card-1", "Card", "-1276.66", clock.instant(),
                List.of(pending("p-swipe", swiped, "-42.10", "Coffee roasters"))))));
        assertThat(nextScheduledSync(id, Duration.ofDays(5)).get("status").asString()).isEqualTo("succeeded");
        assertThat(transactions()).contains("Coffee roasters PENDING -42.10");

        // ...and five days after that the bridge drops the pending id and posts it under a new one.
        Instant postedAt = clock.instant().plus(Duration.ofDays(5)).minus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.SECONDS);
        bridge.answer(set(List.of(), List.of(account("card-1", "Card", "-1276.66", postedAt,
                List.of(Map.of("id", "t-7781", "posted", postedAt.getEpochSecond(), "amount", "-42.10",
                        "description", "Coffee roasters", "transacted_at", swiped.getEpochSecond()))))));
        JsonNode reposted = nextScheduledSync(id, Duration.ofDays(5));
        assertThat(reposted.get("status").asString()).as(reposted.toString()).isEqualTo("succeeded");
        assertThat(reposted.get("removed").asInt()).isEqualTo(1);
        assertThat(transactions()).containsExactlyInAnyOrder("Rent VALID -1234.56", "Coffee roasters VALID -42.10");
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE status = 'PENDING'").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT sum(amount) FROM transactions").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("-1276.66");

        // The same answer again changes nothing: no pending row comes back, nothing is counted twice.
        JsonNode again = nextScheduledSync(id, Duration.ofHours(13));
        assertThat(again.get("added").asInt() + again.get("removed").asInt()).isZero();
        assertThat(transactions()).hasSize(2);
    }

    private List<String> transactions() {
        List<String> out = new ArrayList<>();
        user.client().get("/api/v1/transactions?limit=100").json().get("items").forEach(t -> out.add(
                t.get("description").asString() + " " + t.get("status").asString() + " "
                        + t.get("amount").get("amount").asString()));
        return out;
    }

    /** The connection's web page, signed in with a cookie session as a browser would be. */
    private String connectionPage(String id) {
        var form = api().send("GET", "/app/signin", null, null, Map.of("Accept", "text/html"));
        String csrfCookie = form.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-csrf=")).findFirst().orElseThrow().split(";", 2)[0];
        var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        var signedIn = api().send("POST", "/app/signin", "application/x-www-form-urlencoded",
                "email=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8) + "&password=" + PASSWORD
                        + "&_csrf=" + m.group(1), Map.of("Accept", "text/html", "Cookie", csrfCookie));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        String session = signedIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-session=")).findFirst().orElseThrow().split(";", 2)[0];
        var page = api().send("GET", "/app/connections/" + id, null, null, Map.of("Accept", "text/html",
                "Cookie", session));
        assertThat(page.status()).isEqualTo(200);
        return page.body();
    }
}
