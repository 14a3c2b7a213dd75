package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.providers.TokenDriver;
import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * In real Chromium: sync progress and connection status reach the page through the event stream (the cookie
 * session's {@code /app/events}, never polling), the time zone setting, and the transactions text search.
 */
class LiveWebBrowserIT extends IntegrationTest {

    /** One browser for this class's tests, on this context's port; screenshots are named live-*. */
    @RegisterExtension
    static final Pages browser = Pages.perClass("live");

    @BeforeEach
    void notificationsListening() {
        awaitNotifications(); // the revocation and event timings below ride on NOTIFY
    }

    @Autowired
    ApplicationContext context;

    private void signIn(String email) {
        browser.signIn(email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Dashboard");
    }

    private String connectSandbox(String alias) {
        browser.open("/app/connections");
        browser.find("#provider-sandbox").click();
        browser.type("alias", alias);
        browser.press("Connect");
        browser.press("Allow");
        assertThat(browser.h1()).isEqualTo("Connected");
        browser.clickLink("Back to your connections in Dashtam");
        WebElement link = browser.link(alias);
        String href = link.getAttribute("href");
        browser.navigate(link);
        return href.substring(href.lastIndexOf('/') + 1);
    }

    /** URLs this page finished fetching (Resource Timing): its stylesheet and script, and any poll. */
    @SuppressWarnings("unchecked")
    private List<String> fetched() {
        return (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    @Test
    void syncProgressAndAStatusChangeArriveThroughTheStreamWithoutAReload() {
        signIn(newUser().email());
        String id = connectSandbox("Live sandbox");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("active");

        browser.navigate(browser.find("#sync-now"));
        WebElement progress = browser.find("#sync-progress");
        assertThat(progress.getAttribute("data-status")).isEqualTo("queued");
        browser.waiting().until(d -> "open".equals(browser.find("body").getAttribute("data-stream")));
        // Every status the page shows, in order, and a mark that survives only if the page is never reloaded.
        browser.js("window.dashtamSeen = []; window.dashtamSamePage = true;"
                + "new MutationObserver(() => window.dashtamSeen.push(document.getElementById('sync-progress')"
                + ".getAttribute('data-status'))).observe(document.getElementById('sync-progress'),"
                + " {attributes: true, attributeFilter: ['data-status']});");

        assertThat(SyncDriver.runDue(context)).isPositive();
        browser.waiting().until(d -> "succeeded".equals(browser.find("#sync-progress").getAttribute("data-status")));
        assertThat(browser.find("#sync-progress").getAttribute("data-transport")).isEqualTo("stream");
        assertThat(browser.find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) browser.js("return window.dashtamSeen");
        assertThat(seen).contains("running").last().isEqualTo("succeeded");
        assertThat(seen.indexOf("running")).isLessThan(seen.indexOf("succeeded"));
        // Through the stream, not polling: the stream is open and the page never fetched the run's JSON (a poll
        // would be a finished fetch in Resource Timing; the open stream is not finished, so it is not listed).
        assertThat(browser.find("body").getAttribute("data-stream")).isEqualTo("open");
        assertThat(fetched()).isNotEmpty().noneMatch(u -> u.contains("/syncs/"));
        browser.check("sync-done");

        // A status change made elsewhere (the scheduled token upkeep, past the re-authorization point).
        clock.advance(Duration.ofHours(156).plusMinutes(1));
        TokenDriver.enforceLifetimes(context);
        browser.waiting().until(d -> "reauth_required".equals(browser.find("#status").getAttribute("data-status")));
        assertThat(browser.find("#status").getAttribute("class")).contains("s-reauth_required")
                .doesNotContain("s-active");
        assertThat(browser.find("#status").getAttribute("data-transport")).isEqualTo("stream");
        assertThat(browser.js("return window.dashtamSamePage === true")).as("no reload").isEqualTo(true);
        assertThat(browser.url()).contains("/app/connections/" + id);
        browser.check("status-changed");
    }

    @Test
    void theTimeZoneSettingChangesHowTimesAreShownWithTheUtcInstantAtHand() {
        signIn(newUser().email());
        browser.open("/app/settings");
        String browserZone = (String) browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertThat(browser.find("#zone-note").getText()).startsWith("Times in " + ZoneId.of(browserZone).getId()
                + " (from your browser)");

        browser.type("timeZone", "Mars/Olympus");
        browser.navigate(browser.find("#save-zone"));
        assertThat(browser.find("#tz-error").getText()).contains("\"Mars/Olympus\" is not a time zone Dashtam knows");
        browser.check("time-zone-refused");

        browser.type("timeZone", "Pacific/Auckland");
        browser.navigate(browser.find("#save-zone"));
        assertThat(browser.find(".notice").getText()).isEqualTo("Your time zone was saved.");
        assertThat(browser.find("#zone-note").getText()).startsWith("Times in Pacific/Auckland (your setting)");
        WebElement time = browser.find("#sessions time");
        Instant at = Instant.parse(time.getAttribute("datetime"));
        assertThat(time.getText()).isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH)
                .format(at.atZone(ZoneId.of("Pacific/Auckland"))));
        assertThat(time.getAttribute("title")).endsWith(" UTC");
        browser.check("time-zone-saved");
    }

    @Test
    void theTransactionsPageSearchesDescriptionAndSymbol() {
        signIn(newUser().email());
        connectSandbox("Search sandbox");
        assertThat(SyncDriver.runDue(context)).isPositive();
        browser.open("/app/transactions");
        String symbol = browser.all("table.transactions tbody td.symbol")
                .stream().map(WebElement::getText).filter(s -> !s.isBlank()).findFirst().orElseThrow();
        browser.type("q", symbol.toLowerCase(Locale.ROOT));
        browser.press("Filter");
        var rows = browser.all("table.transactions tbody tr");
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat((r.findElement(By.cssSelector("td.description"))
                .getText() + " " + r.findElement(By.cssSelector("td.symbol")).getText())
                .toLowerCase(Locale.ROOT)).contains(symbol.toLowerCase(Locale.ROOT)));
        assertThat(browser.find("#q").getAttribute("value")).isEqualTo(symbol.toLowerCase(Locale.ROOT));
        browser.check("transactions-search");

        browser.type("q", "%");
        browser.press("Filter");
        assertThat(browser.find(".empty").getText()).startsWith("No transactions match");
    }
}
