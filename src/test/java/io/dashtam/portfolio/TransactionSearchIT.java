package io.dashtam.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.testing.IntegrationTest;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /api/v1/transactions?q=}: a case-insensitive search of description and symbol, typed wildcards taken
 * literally, combined with the other filters and cursor paging, never reaching another user's rows.
 */
class TransactionSearchIT extends IntegrationTest {

    @Autowired
    PortfolioStore store;

    private static AccountBatch.Transaction tx(String id, Instant time, String type, String description,
            String symbol) {
        return new AccountBatch.Transaction(id, time, time.atOffset(ZoneOffset.UTC).toLocalDate(), null, type, "VALID",
                description, symbol, null, null, new BigDecimal("-1.00"));
    }

    private String store(Caller caller, String number, List<AccountBatch.Transaction> rows) {
        return store.store(new AccountBatch(UUID.randomUUID(), UserId.of(caller.userId()), new AccountBatch.Account(
                number, null, "CHECKING", Currency.getInstance("USD")), new AccountBatch.Balance(BigDecimal.TEN, null),
                null, rows)).accountId().toString();
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> descriptions(Caller caller, String query) {
        var response = caller.client().get("/api/v1/transactions?limit=500&" + query);
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        response.json().get("items").forEach(i -> found.add(i.get("description").asString()));
        return found;
    }

    @Test
    void matchesDescriptionOrSymbolCaseInsensitivelyWithWildcardsTakenLiterally() {
        var caller = newUser();
        Instant t = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
        store(caller, "1111222233", List.of(
                tx("1", t, "JOURNAL", "Coffee Beans", null),
                tx("2", t.plusSeconds(1), "JOURNAL", "corner COFFEE shop", null),
                tx("3", t.plusSeconds(2), "TRADE", "Bought shares", "AAPL"),
                tx("4", t.plusSeconds(3), "JOURNAL", "100% refund", null),
                tx("5", t.plusSeconds(4), "JOURNAL", "under_score", null),
                tx("6", t.plusSeconds(5), "JOURNAL", "back\\slash", null),
                tx("7", t.plusSeconds(6), "JOURNAL", "100 refunds and underscores", null)));

        assertThat(descriptions(caller, q("coffee"))).containsExactly("corner COFFEE shop", "Coffee Beans");
        assertThat(descriptions(caller, q("  bEaNs "))).containsExactly("Coffee Beans");
        // The symbol is searched too, in any case.
        assertThat(descriptions(caller, q("aap"))).containsExactly("Bought shares");
        // LIKE's wildcards and escape match only themselves.
        assertThat(descriptions(caller, q("%"))).containsExactly("100% refund");
        assertThat(descriptions(caller, q("0%"))).containsExactly("100% refund");
        assertThat(descriptions(caller, q("_"))).containsExactly("under_score");
        // Unescaped, "r_s" would also match "...underscores" ("res").
        assertThat(descriptions(caller, q("r_s"))).containsExactly("under_score");
        assertThat(descriptions(caller, q("\\"))).containsExactly("back\\slash");
        assertThat(descriptions(caller, q("%%"))).isEmpty();
        assertThat(descriptions(caller, q("nothing like it"))).isEmpty();
        // A blank search is no search.
        assertThat(descriptions(caller, q("   "))).hasSize(7);
    }

    @Test
    void combinesWithTheOtherFiltersAndPagesByCursor() {
        var caller = newUser();
        Instant base = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(40));
        List<AccountBatch.Transaction> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Pairs share a timestamp: the order breaks ties by id, across pages too.
            Instant at = base.plus(Duration.ofHours(i / 2 * 24L));
            rows.add(tx("r" + i, at, i % 2 == 0 ? "TRADE" : "JOURNAL", (i % 4 < 2 ? "Grocery run " : "Rent ") + i,
                    null));
        }
        String account = store(caller, "4444555566", rows);
        store(caller, "7777888899", List.of(tx("other", base.plus(Duration.ofDays(5)), "TRADE", "Grocery elsewhere",
                null)));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = caller.client().get("/api/v1/transactions?limit=3&type=TRADE&accountId=" + account + "&"
                    + q("grocery") + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(i -> {
                assertThat(i.get("type").asString()).isEqualTo("TRADE");
                seen.add(i.get("description").asString());
            });
            cursor = page.get("nextCursor") == null || page.get("nextCursor").isNull() ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 20);
        List<String> expected = new ArrayList<>();
        for (int i = 39; i >= 0; i--) {
            if (i % 2 == 0 && i % 4 < 2) {
                expected.add("Grocery run " + i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected).hasSize(10);
        assertThat(pages).isEqualTo(4);

        String from = base.plus(Duration.ofDays(10)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String to = base.plus(Duration.ofDays(12)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(descriptions(caller, q("rent") + "&from=" + from + "&to=" + to))
                .containsExactly("Rent 23", "Rent 22");
    }

    @Test
    void neverFindsAnotherUsersRows() {
        var owner = newUser();
        var other = newUser();
        Instant t = clock.instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
        String ownersAccount = store(owner, "9999000011", List.of(tx("a", t, "JOURNAL", "Secret payee", "SECR")));
        store(other, "9999000022", List.of(tx("b", t, "JOURNAL", "My own payee", null)));

        assertThat(descriptions(other, q("payee"))).containsExactly("My own payee");
        assertThat(descriptions(other, q("secr"))).isEmpty();
        assertThat(other.client().get("/api/v1/transactions?" + q("secret") + "&accountId=" + ownersAccount).status())
                .isEqualTo(404);
        assertThat(descriptions(owner, q("payee"))).containsExactly("Secret payee");
    }

    @Test
    void anOverlongOrControlCharacterSearchIsAProblemThatChangesNothing() {
        var caller = newUser();
        var tooLong = caller.client().get("/api/v1/transactions?" + q("x".repeat(TransactionQuery.MAX_TEXT + 1)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
        assertThat(caller.client().get("/api/v1/transactions?" + q("x".repeat(TransactionQuery.MAX_TEXT))).status())
                .isEqualTo(200);
        var nul = caller.client().get("/api/v1/transactions?q=a%00b");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.contentType()).startsWith("application/problem+json");
    }
}
