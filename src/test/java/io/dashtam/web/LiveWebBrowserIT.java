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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * In real Chromium: sync progress and connection status reach the page through the event stream (the cookie
 * session's {@code /app/events}, never polling), the time zone setting, and the transactions text search.
 */
class LiveWebBrowserIT extends IntegrationTest {

    private static Chromium chromium;

    @BeforeEach
    void notificationsListening() {
        awaitNotifications(); // the revocation and event timings below ride on NOTIFY
    }

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void start() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private void open(String path) {
        chromium.driver.get("https://localhost:" + port + path);
        waiting().until(d -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
    }

    private WebElement find(String css) {
        try {
            return chromium.driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            throw new AssertionError("no " + css + " on " + chromium.driver.getCurrentUrl() + ": "
                    + chromium.driver.findElement(By.cssSelector("body")).getText(), e);
        }
    }

    private void type(String id, String text) {
        WebElement field = find("#" + id);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks something that loads a new page and waits until the old one is gone. */
    private void navigate(WebElement element) {
        WebElement old = find("html");
        element.click();
        waiting().until(d -> {
            try {
                old.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException e) {
                return true;
            }
        });
        waiting().until(d -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(chromium.driver, Duration.ofSeconds(60));
    }

    private void check(String name) {
        chromium.screenshot(name);
        assertThat(chromium.seriousViolations()).as("axe on " + chromium.driver.getCurrentUrl()).isEmpty();
    }

    private Object js(String script) {
        return chromium.driver.executeScript(script);
    }

    private void signIn(String email) {
        open("/app/signin");
        type("email", email);
        type("password", PASSWORD);
        navigate(find("main button[type=submit]"));
        assertThat(find("h1").getText()).isEqualTo("Dashboard");
    }

    private String connectSandbox(String alias) {
        open("/app/connections");
        find("#provider-sandbox").click();
        type("alias", alias);
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='Connect']")));
        navigate(chromium.driver.findElement(By.xpath("//button[normalize-space()='Allow']")));
        assertThat(find("h1").getText()).isEqualTo("Connected");
        navigate(chromium.driver.findElement(By.linkText("Back to your connections in Dashtam")));
        WebElement link = chromium.driver.findElement(By.linkText(alias));
        String href = link.getAttribute("href");
        navigate(link);
        return href.substring(href.lastIndexOf('/') + 1);
    }

    /** URLs this page finished fetching (Resource Timing): its stylesheet and script, and any poll. */
    @SuppressWarnings("unchecked")
    private List<String> fetched() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    @Test
    void syncProgressAndAStatusChangeArriveThroughTheStreamWithoutAReload() {
        signIn(newUser().email());
        String id = connectSandbox("Live sandbox");
        assertThat(find("#status").getText()).isEqualTo("active");

        navigate(find("#sync-now"));
        WebElement progress = find("#sync-progress");
        assertThat(progress.getAttribute("data-status")).isEqualTo("queued");
        waiting().until(d -> "open".equals(find("body").getAttribute("data-stream")));
        // Every status the page shows, in order, and a mark that survives only if the page is never reloaded.
        js("window.dashtamSeen = []; window.dashtamSamePage = true;"
                + "new MutationObserver(() => window.dashtamSeen.push(document.getElementById('sync-progress')"
                + ".getAttribute('data-status'))).observe(document.getElementById('sync-progress'),"
                + " {attributes: true, attributeFilter: ['data-status']});");

        assertThat(SyncDriver.runDue(context)).isPositive();
        waiting().until(d -> "succeeded".equals(find("#sync-progress").getAttribute("data-status")));
        assertThat(find("#sync-progress").getAttribute("data-transport")).isEqualTo("stream");
        assertThat(find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) js("return window.dashtamSeen");
        assertThat(seen).contains("running").last().isEqualTo("succeeded");
        assertThat(seen.indexOf("running")).isLessThan(seen.indexOf("succeeded"));
        // Through the stream, not polling: the stream is open and the page never fetched the run's JSON (a poll
        // would be a finished fetch in Resource Timing; the open stream is not finished, so it is not listed).
        assertThat(find("body").getAttribute("data-stream")).isEqualTo("open");
        assertThat(fetched()).isNotEmpty().noneMatch(u -> u.contains("/syncs/"));
        check("live-sync-done");

        // A status change made elsewhere (the scheduled token upkeep, past the re-authorization point).
        clock.advance(Duration.ofHours(156).plusMinutes(1));
        TokenDriver.enforceLifetimes(context);
        waiting().until(d -> "reauth_required".equals(find("#status").getText()));
        assertThat(find("#status").getAttribute("class")).contains("s-reauth_required").doesNotContain("s-active");
        assertThat(find("#status").getAttribute("data-transport")).isEqualTo("stream");
        assertThat(js("return window.dashtamSamePage === true")).as("no reload").isEqualTo(true);
        assertThat(chromium.driver.getCurrentUrl()).contains("/app/connections/" + id);
        check("live-status-changed");
    }

    @Test
    void theTimeZoneSettingChangesHowTimesAreShownWithTheUtcInstantAtHand() {
        signIn(newUser().email());
        open("/app/settings");
        String browserZone = (String) js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
        assertThat(find("#zone-note").getText()).startsWith("Times in " + ZoneId.of(browserZone).getId()
                + " (from your browser)");

        type("timeZone", "Mars/Olympus");
        navigate(find("#save-zone"));
        assertThat(find("#tz-error").getText()).contains("\"Mars/Olympus\" is not a time zone Dashtam knows");
        check("time-zone-refused");

        type("timeZone", "Pacific/Auckland");
        navigate(find("#save-zone"));
        assertThat(find(".notice").getText()).isEqualTo("Your time zone was saved.");
        assertThat(find("#zone-note").getText()).startsWith("Times in Pacific/Auckland (your setting)");
        WebElement time = find("#sessions time");
        Instant at = Instant.parse(time.getAttribute("datetime"));
        assertThat(time.getText()).isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH)
                .format(at.atZone(ZoneId.of("Pacific/Auckland"))));
        assertThat(time.getAttribute("title")).endsWith(" UTC");
        check("time-zone-saved");
    }

    @Test
    void theTransactionsPageSearchesDescriptionAndSymbol() {
        signIn(newUser().email());
        connectSandbox("Search sandbox");
        assertThat(SyncDriver.runDue(context)).isPositive();
        open("/app/transactions");
        String symbol = chromium.driver.findElements(By.cssSelector("table.transactions tbody td:nth-child(4)"))
                .stream().map(WebElement::getText).filter(s -> !s.isBlank()).findFirst().orElseThrow();
        type("q", symbol.toLowerCase(Locale.ROOT));
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='Filter']")));
        var rows = chromium.driver.findElements(By.cssSelector("table.transactions tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat((r.findElement(By.cssSelector("td:nth-child(3)"))
                .getText() + " " + r.findElement(By.cssSelector("td:nth-child(4)")).getText())
                .toLowerCase(Locale.ROOT)).contains(symbol.toLowerCase(Locale.ROOT)));
        assertThat(find("#q").getAttribute("value")).isEqualTo(symbol.toLowerCase(Locale.ROOT));
        check("transactions-search");

        type("q", "%");
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='Filter']")));
        assertThat(find(".empty").getText()).startsWith("No transactions match");
    }
}
