package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.insight.HistoryDriver;
import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The web app in real headless Chromium over real HTTPS: the journeys of issue 13, axe-core on every page. */
class WebAppBrowserIT extends IntegrationTest {

    /** One browser for this class's tests, on this context's port; screenshots are named web-*. */
    @RegisterExtension
    static final Pages browser = Pages.perClass("web");

    @Autowired
    ApplicationContext context;

    private void signUpAndIn(String email, String name) {
        browser.forgetSession();
        browser.open("/app/signup");
        browser.check("signup");
        browser.signUp(name, email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Check your email");
        assertThat(browser.find("#outbox-hint").getText()).contains("outbox");
        browser.check("signup-done");
        browser.open(Pages.mailedLink(jdbc, email, "Verify"));
        browser.check("verify");
        browser.press("Verify");
        assertThat(browser.url()).endsWith("/app/signin?verified");
        signIn(email);
    }

    private void signIn(String email) {
        browser.signIn(email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Dashboard");
    }

    private void signOut() {
        browser.navigate(browser.find("#signout"));
        assertThat(browser.url()).endsWith("/app/signin?signedOut");
    }

    private String userId(String email) {
        return jdbc.sql("SELECT id FROM users WHERE email = :e").param("e", email).query(UUID.class).single()
                .toString();
    }

    private String email() {
        return "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Adds the sandbox and goes through its consent page in this browser; returns the connection id. */
    private String connectSandbox(String alias) {
        browser.open("/app/connections");
        browser.check("connections-empty");
        browser.find("#provider-sandbox").click();
        browser.type("alias", alias);
        browser.press("Connect");
        assertThat(browser.url()).as(() -> browser.h1() + ": " + browser.find("main").getText())
                .contains("/sandbox/v1/oauth/authorize");
        browser.screenshot("sandbox-consent");
        browser.press("Allow");
        assertThat(browser.h1()).isEqualTo("Connected");
        browser.check("connected");
        WebElement back = browser.link("Back to your connections in Dashtam");
        assertThat(back.getDomAttribute("href")).as("absolute: the listener port would 404 a relative link")
                .isEqualTo("https://localhost:" + port + "/app/connections");
        browser.navigate(back);
        assertThat(browser.url()).isEqualTo("https://localhost:" + port + "/app/connections");
        WebElement link = browser.link(alias);
        String href = link.getAttribute("href");
        browser.navigate(link);
        return href.substring(href.lastIndexOf('/') + 1);
    }

    @Test
    void newUserConnectsSyncsAndReadsTheirMoney() {
        String email = email();
        signUpAndIn(email, "Journey User");
        browser.check("dashboard-empty");
        String id = connectSandbox("My sandbox");

        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("active");
        browser.navigate(browser.find("#sync-now"));
        WebElement progress = browser.find("#sync-progress");
        assertThat(progress.getAttribute("data-status")).isIn("queued", "running");
        browser.check("sync-queued");
        assertThat(SyncDriver.runDue(context)).isPositive();
        browser.waiting().until(d -> "succeeded".equals(browser.find("#sync-progress").getAttribute("data-status")));
        assertThat(browser.find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        browser.check("sync-done");

        // Dashboard: a year of history right after the first sync (derived back from the balance through the
        // transactions and the sandbox's prices), the chart's points the API's history point for point, each day's
        // kind in the data table; the total in the base currency and a performance card.
        HistoryDriver.deriveAll(context, userId(email));
        browser.open("/app?range=1y");
        var api = api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        var client = api().as(api.json().get("accessToken").asString());
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        var history = client.get("/api/v1/history?from=" + today.minusDays(365) + "&to=" + today).json();
        List<String> expected = new ArrayList<>();
        history.get("points").forEach(p -> expected.add(history.get("currency").asString() + " "
                + p.get("date").asString() + " " + p.get("value").asString() + " " + p.get("kind").asString()));
        List<String> plotted = new ArrayList<>();
        Set<String> days = new HashSet<>();
        WebElement figure = browser.find("figure.chart[data-currency]");
        for (WebElement row : figure.findElements(By.cssSelector("tbody tr"))) {
            plotted.add(figure.getAttribute("data-currency") + " " + row.getAttribute("data-date") + " "
                    + row.getAttribute("data-amount") + " " + row.getAttribute("data-kind"));
            days.add(row.getAttribute("data-date"));
        }
        assertThat(figure.findElement(By.cssSelector("polyline")).getAttribute("points")).isNotBlank();
        assertThat(plotted).isEqualTo(expected);
        assertThat(days).as("distinct daily points after the first sync").hasSizeGreaterThanOrEqualTo(200);
        assertThat(figure.findElements(By.cssSelector("circle.dot.derived"))).isNotEmpty();
        assertThat(figure.findElements(By.cssSelector("tbody tr[data-kind=derived]"))).isNotEmpty();
        assertThat(browser.find("#total").getText()).startsWith("$");
        assertThat(browser.find("#total").getAttribute("data-currency")).isEqualTo("USD");
        var performance = client.get("/api/v1/performance?from=" + plotted.get(0).split(" ")[1] + "&to=" + today)
                .json();
        assertThat(browser.find("#twr").getAttribute("data-value")).matches("-?\\d+\\.\\d{4}")
                .isEqualTo(performance.get("twr").asString());
        assertThat(browser.find("#mwr").getAttribute("data-value")).isEqualTo(performance.get("mwr").asString());
        assertThat(browser.find("#gain").getAttribute("data-value")).isEqualTo(performance.get("gain").asString());
        assertThat(browser.find("#income").getAttribute("data-value"))
                .isEqualTo(performance.get("income").asString());
        assertThat(browser.all("figure.allocation")).hasSize(2);
        assertThat(browser.all("figure.allocation table.slices tbody tr")).hasSizeGreaterThan(2);
        browser.check("dashboard");
        browser.chromium.fullPage("web-dashboard-full");
        browser.chromium.phone();
        browser.screenshot("dashboard-390");
        browser.chromium.desktop();
        browser.open("/app?range=all");
        assertThat(browser.find("figure.chart[data-currency] polyline").getAttribute("points")).isNotBlank();
        browser.open("/app");

        // An account with holdings, its own value history, returns and income by month.
        browser.navigate(browser.find("section[aria-labelledby=acc-h] tbody a"));
        assertThat(browser.all("#holdings tbody tr")).isNotEmpty();
        assertThat(browser.all("figure.chart tbody tr")).hasSizeGreaterThanOrEqualTo(200);
        assertThat(browser.find("#twr").getAttribute("data-value")).matches("-?\\d+\\.\\d{4}");
        assertThat(browser.all("#income-by-month tbody tr")).isNotEmpty();
        browser.check("account");
        browser.chromium.fullPage("web-account-full");

        // Transactions: filter and page.
        browser.open("/app/transactions");
        browser.check("transactions");
        assertThat(browser.all("table.transactions tbody tr")).hasSize(AccountPages.PAGE);
        String firstRow = browser.find("table.transactions tbody tr").getAttribute("data-id");
        browser.navigate(browser.find("#older"));
        assertThat(browser.find("table.transactions tbody tr").getAttribute("data-id")).isNotEqualTo(firstRow);
        browser.navigate(browser.find("#newer"));
        assertThat(browser.find("table.transactions tbody tr").getAttribute("data-id")).isEqualTo(firstRow);
        // Types in words, the code in the tooltip and in the filter.
        String type = browser.find("table.transactions tbody tr td.type span").getAttribute("data-code");
        browser.type("type", type);
        browser.press("Filter");
        assertThat(browser.all("table.transactions tbody tr td.type span"))
                .isNotEmpty().allSatisfy(span -> assertThat(span.getAttribute("title")).isEqualTo(type));
        browser.type("from", "");
        browser.open("/app/transactions?from=not-a-date");
        assertThat(browser.find("#from-error").getText()).isEqualTo("The From date must be a date like 2026-01-31.");

        browser.open("/app/settings");
        browser.check("settings");
        assertThat(browser.all("#sessions tbody tr")).isNotEmpty();
        signOut();
        browser.open("/app/connections/" + id);
        assertThat(browser.url()).endsWith("/app/signin");
    }

    @Test
    void anotherUsersAccountIsANotFoundPage() {
        String a = email();
        signUpAndIn(a, "Owner A");
        connectSandbox("A sandbox");
        SyncDriver.runDue(context);
        browser.open("/app/accounts");
        String accountUrl = browser.find("main tbody a").getAttribute("href");
        signOut();
        signUpAndIn(email(), "Intruder B");
        browser.chromium.driver.get(accountUrl);
        assertThat(browser.h1()).isEqualTo("Not found");
        assertThat(browser.find("#trace-id").getText()).matches("[0-9a-f]{32}");
        assertThat(browser.source()).doesNotContain("A sandbox");
        browser.check("not-found");
        signOut();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        signUpAndIn(email(), "Csrf User");
        browser.open("/app/connections");
        browser.js("document.querySelectorAll('main input[name=_csrf]').forEach(e => e.remove())");
        browser.find("#provider-sandbox").click();
        browser.type("alias", "Forged");
        browser.press("Connect");
        assertThat(browser.h1()).isEqualTo("Forbidden");
        browser.check("csrf-refused");
        browser.open("/app/connections");
        assertThat(browser.source()).doesNotContain("Forged");
        signOut();
    }

    @Test
    void aSessionRevokedElsewhereIsSignedOutOnItsNextClick() {
        String email = email();
        signUpAndIn(email, "Revoked User");
        var login = api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        var other = api().as(login.json().get("accessToken").asString());
        assertThat(other.delete("/api/v1/sessions").status()).isEqualTo(204);
        browser.clickLink("Connections");
        assertThat(browser.url()).endsWith("/app/signin");
        assertThat(browser.h1()).isEqualTo("Sign in");
    }

    @Test
    void signInWithTheKeyboardOnlyAndUserTextIsEscaped() {
        String email = email();
        signUpAndIn(email, "Keys User");
        signOut();
        browser.open("/app/signin");
        // Skip link, nav links, then the form: tab until the email field has focus.
        var driver = browser.chromium.driver;
        for (int i = 0; i < 10 && !"email".equals(driver.switchTo().activeElement().getAttribute("id")); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("email");
        browser.navigate(() -> new Actions(driver).sendKeys(email).sendKeys(Keys.TAB).sendKeys(PASSWORD)
                .sendKeys(Keys.ENTER).perform());
        assertThat(browser.h1()).isEqualTo("Dashboard");

        // Bad input: a script alias is stored as text and shown escaped; empty and huge aliases are refused.
        browser.open("/app/connections");
        browser.find("#provider-file").click();
        browser.type("alias", "<script>alert(1)</script>");
        browser.press("Connect");
        browser.open("/app/connections");
        assertThat(browser.link("<script>alert(1)</script>")).isNotNull();
        browser.check("escaped-alias");
        browser.js("document.getElementById('alias').removeAttribute('maxlength');"
                + "document.getElementById('alias').removeAttribute('required')");
        browser.find("#provider-file").click();
        browser.type("alias", "x".repeat(5000));
        browser.press("Connect");
        assertThat(browser.find(".error").getText()).isEqualTo("The name is too long: at most 100 characters.");
        browser.forgetSession();
        browser.open("/app/signin");
        browser.js("document.getElementById('email').removeAttribute('required');"
                + "document.getElementById('password').removeAttribute('required')");
        browser.press("Sign in");
        assertThat(browser.find(".error").getText()).isEqualTo("Enter your email and password.");
        browser.check("signin-error");
    }

    @Test
    void importACsvWithAMappingAndAPreview() throws Exception {
        signUpAndIn(email(), "Import User");
        browser.open("/app/connections");
        browser.find("#provider-file").click();
        browser.type("alias", "Card files");
        browser.press("Connect");
        browser.clickLink("Import a file");
        browser.check("import-form");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("card", ".csv");
        java.nio.file.Files.writeString(csv, """
                Date,Amount,Description
                2026-11-01,-12.50,Coffee beans
                2026-11-02,-3.10,Bus ticket
                2026-11-03,1500.00,Salary
                """);
        browser.find("#file").sendKeys(csv.toAbsolutePath().toString());
        browser.type("accountNumber", "4000123412341234");
        browser.type("accountName", "Visa");
        browser.type("dateFormat", "yyyy-MM-dd");
        browser.press("Preview");
        assertThat(browser.find("#import-result h2").getText()).isEqualTo("Preview (nothing stored yet)");
        assertThat(browser.find("#parsed").getText()).isEqualTo("3");
        assertThat(browser.find("#unchanged").getText()).isEqualTo("0");
        browser.check("import-preview");
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE description = 'Coffee beans'")
                .query(Integer.class).single()).as("a preview stores nothing").isZero();
        browser.navigate(browser.find("#confirm-import"));
        assertThat(browser.find("#import-result h2").getText()).isEqualTo("Imported");
        assertThat(browser.find("#parsed").getText()).isEqualTo("3");
        browser.check("import-done");
        browser.open("/app/transactions");
        assertThat(browser.source()).contains("Coffee beans").contains("-$12.50");
        signOut();
    }

    @Test
    void reconnectFromReauthRequired() {
        signUpAndIn(email(), "Reauth User");
        String id = connectSandbox("Reauth sandbox");
        jdbc.sql("UPDATE provider_connections SET status = 'reauth_required' WHERE id = :id")
                .param("id", UUID.fromString(id)).update();
        browser.open("/app/connections/" + id);
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("reauth_required");
        assertThat(browser.find("#connect").getText()).isEqualTo("Reconnect");
        browser.check("reauth-required");
        browser.navigate(browser.find("#connect"));
        assertThat(browser.url()).contains("/sandbox/v1/oauth/authorize");
        browser.press("Allow");
        assertThat(browser.h1()).isEqualTo("Connected");
        browser.open("/app/connections/" + id);
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("active");
        signOut();
    }
}
