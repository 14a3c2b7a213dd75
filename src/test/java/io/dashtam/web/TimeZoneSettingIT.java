package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
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
 * show times in, with the UTC instant in each {@code <time>}; the browser's zone when the profile names none.
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
}
