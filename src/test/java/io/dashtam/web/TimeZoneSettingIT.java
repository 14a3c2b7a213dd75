package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.imports.ImportFiles;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The time zone as a profile setting: set through the API ({@code /api/v1/users/me/settings}) or the settings page,
 * validated (an unknown zone is a 422 problem or a readable message, and nothing is stored), and the zone pages
 * show times in, with the UTC instant in each {@code <time>}; the browser's zone when the profile names none. The
 * base currency alike: the first account's until one is chosen, a code that is not ISO 4217 refused.
 */
class TimeZoneSettingIT extends IntegrationTest {

    private static final Pattern TIME = Pattern.compile(
            "<time datetime=\"([^\"]+)\" title=\"([^\"]+)\">([^<]+)</time>");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private String stored(Caller caller) {
        return jdbc.sql("SELECT time_zone FROM users WHERE id = :id").param("id", UUID.fromString(caller.userId()))
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    /** Every time on the page is shown in {@code zone}, its UTC instant in the markup; there is at least one. */
    private static void timesShownIn(String html, ZoneId zone) {
        var m = TIME.matcher(html);
        int times = 0;
        while (m.find()) {
            Instant at = Instant.parse(m.group(1));
            assertThat(m.group(3)).isEqualTo(SHOWN.format(at.atZone(zone)));
            assertThat(m.group(2)).endsWith(" UTC").startsWith(at.toString().substring(0, 10));
            times++;
        }
        assertThat(times).as("times on the page").isPositive();
    }

    @Test
    void theApiSetsValidatesAndClearsTheZone() {
        var caller = newUser();
        var other = newUser();
        assertThat(caller.client().get("/api/v1/users/me/settings").json().get("timeZone").isNull()).isTrue();

        var set = caller.client().put("/api/v1/users/me/settings", Map.of("timeZone", "asia/TOKYO"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("timeZone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(caller.client().get("/api/v1/users/me/settings").json().get("timeZone").asString())
                .isEqualTo("Asia/Tokyo");

        for (String bad : new String[] {"Mars/Olympus", "+02:00", "UTC+2", "x".repeat(65), "<script>", "../etc"}) {
            var refused = caller.client().put("/api/v1/users/me/settings", Map.of("timeZone", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");
            assertThat(stored(caller)).as("nothing stored for " + bad).isEqualTo("Asia/Tokyo");
        }
        var wrongType = caller.client().send("PUT", "/api/v1/users/me/settings", "application/json",
                "{\"timeZone\": {\"a\": 1}}", Map.of());
        assertThat(wrongType.status()).isBetween(400, 422);
        assertThat(stored(caller)).isEqualTo("Asia/Tokyo");
        assertThat(stored(other)).as("another user's setting").isNull();

        var cleared = caller.client().send("PUT", "/api/v1/users/me/settings", "application/json",
                "{\"timeZone\": null}", Map.of());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("timeZone").isNull()).isTrue();
        assertThat(stored(caller)).isNull();
        assertThat(api().get("/api/v1/users/me/settings").status()).isEqualTo(401);
    }

    @Test
    void pagesShowTimesInTheProfilesZoneElseTheBrowsersWithTheUtcInstant() {
        var caller = newUser();
        var page = PageSession.signIn(api(), caller.email()).cookie("tz", "America/New_York");

        // No setting: the browser's zone (app.js's cookie).
        var settings = page.get("/app/settings");
        assertThat(settings.body()).contains("Times in America/New_York (from your browser)");
        timesShownIn(settings.body(), ZoneId.of("America/New_York"));

        var saved = page.post("/app/settings", "/app/settings/time-zone", Map.of("timeZone", "Asia/Kolkata"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith("/app/settings?timeZoneSaved");
        assertThat(stored(caller)).isEqualTo("Asia/Kolkata");
        settings = page.get("/app/settings?timeZoneSaved");
        assertThat(settings.body()).contains("Your time zone was saved.").contains("value=\"Asia/Kolkata\"")
                .contains("Times in Asia/Kolkata (your setting)");
        // The profile wins over the browser's cookie, on every page that shows a time.
        timesShownIn(settings.body(), ZoneId.of("Asia/Kolkata"));
        assertThat(caller.client().get("/api/v1/users/me/settings").json().get("timeZone").asString())
                .isEqualTo("Asia/Kolkata");

        // Empty: back to the browser's zone.
        assertThat(page.post("/app/settings", "/app/settings/time-zone", Map.of("timeZone", "")).status())
                .isEqualTo(302);
        assertThat(stored(caller)).isNull();
        timesShownIn(page.get("/app/settings").body(), ZoneId.of("America/New_York"));
    }

    @Test
    void aBadZoneOnTheSettingsPageIsAReadableMessageAndStoresNothing() {
        var caller = newUser();
        var page = PageSession.signIn(api(), caller.email());
        assertThat(page.post("/app/settings", "/app/settings/time-zone", Map.of("timeZone", "Europe/Paris"))
                .status()).isEqualTo(302);
        for (String bad : new String[] {"Mars/Olympus", "<script>alert(1)</script>", "y".repeat(5000), "+05:30"}) {
            var refused = page.post("/app/settings", "/app/settings/time-zone", Map.of("timeZone", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("text/html");
            assertThat(refused.body()).contains("is not a time zone Dashtam knows").doesNotContain("<script>alert")
                    .doesNotContain("Exception");
            assertThat(stored(caller)).as("nothing stored for a bad zone").isEqualTo("Europe/Paris");
        }
    }

    @Test
    void theBaseCurrencyIsTheFirstAccountsUntilChosenOnTheApiOrThePage() {
        var caller = newUser();
        var fresh = caller.client().get("/api/v1/users/me/settings").json();
        assertThat(fresh.get("baseCurrency").asString()).as("no account yet").isEqualTo("USD");
        assertThat(fresh.get("baseCurrencyChosen").asBoolean()).isFalse();
        importEuroAccount(caller);
        assertThat(caller.client().get("/api/v1/users/me/settings").json().get("baseCurrency").asString())
                .as("the first account's currency").isEqualTo("EUR");

        var page = PageSession.signIn(api(), caller.email());
        assertThat(page.get("/app/settings").body()).contains("id=\"effective-currency\">EUR</strong>")
                .contains("(your first account's currency)");
        var saved = page.post("/app/settings", "/app/settings/base-currency", Map.of("baseCurrency", "gbp"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith("/app/settings?baseCurrencySaved");
        assertThat(caller.client().get("/api/v1/users/me/settings").json().get("baseCurrency").asString())
                .isEqualTo("GBP");
        for (String bad : new String[] {"XYZ", "$", "euro", "<script>alert(1)</script>", "z".repeat(5000)}) {
            var refused = page.post("/app/settings", "/app/settings/base-currency", Map.of("baseCurrency", bad));
            assertThat(refused.status()).as(bad).isEqualTo(422);
            assertThat(refused.body()).contains("is not a currency code").doesNotContain("<script>alert");
            var api = caller.client().put("/api/v1/users/me/settings", Map.of("baseCurrency", bad));
            assertThat(api.status()).as(bad).isIn(400, 422);
            assertThat(api.contentType()).startsWith("application/problem+json");
        }
        // A refused currency stores nothing, not even the valid zone sent with it.
        assertThat(caller.client().put("/api/v1/users/me/settings", Map.of("timeZone", "Europe/Rome",
                "baseCurrency", "XYZ")).status()).isEqualTo(422);
        assertThat(stored(caller)).isNull();
        var both = caller.client().put("/api/v1/users/me/settings", Map.of("timeZone", "Europe/Rome",
                "baseCurrency", "CHF")).json();
        assertThat(both.get("timeZone").asString()).isEqualTo("Europe/Rome");
        assertThat(both.get("baseCurrency").asString()).isEqualTo("CHF");
        // Empty on the page (or null in the API): back to the first account's.
        assertThat(page.post("/app/settings", "/app/settings/base-currency", Map.of("baseCurrency", "")).status())
                .isEqualTo(302);
        var back = caller.client().get("/api/v1/users/me/settings").json();
        assertThat(back.get("baseCurrency").asString()).isEqualTo("EUR");
        assertThat(back.get("baseCurrencyChosen").asBoolean()).isFalse();
        assertThat(newUser().client().get("/api/v1/users/me/settings").json().get("baseCurrency").asString())
                .as("another user's").isEqualTo("USD");
    }

    private static void importEuroAccount(Caller caller) {
        String connection = caller.client().post("/api/v1/connections", Map.of("provider", "file", "alias",
                "Euro files")).json().get("id").asString();
        String body = TestClient.JSON.writeValueAsString(Map.of("connectionId", connection, "format", "csv",
                "content", ImportFiles.base64(ImportFiles.text("card.csv")), "csv", Map.of(
                        "account", Map.of("number", "4000999988885678", "currency", "EUR"),
                        "columns", Map.of("date", "Date", "amount", "Amount"))));
        assertThat(caller.client().send("POST", "/api/v1/imports", "application/json", body, Map.of()).status())
                .isEqualTo(201);
    }
}
