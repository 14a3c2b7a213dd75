package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The web app in real headless Chromium over real HTTPS: the journeys of issue 13, axe-core on every page. */
class WebAppBrowserIT extends IntegrationTest {

    private static Chromium chromium;

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

    private String base() {
        return "https://localhost:" + port;
    }

    private void open(String path) {
        chromium.driver.get(base() + path);
    }

    private WebElement find(String css) {
        try {
            return chromium.driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            var page = chromium.driver.findElements(By.cssSelector("main"));
            throw new AssertionError("no " + css + " on " + chromium.driver.getCurrentUrl() + ": "
                    + (page.isEmpty() ? chromium.driver.getPageSource() : page.get(0).getText()), e);
        }
    }

    private void type(String id, String text) {
        WebElement field = find("#" + id);
        field.clear();
        field.sendKeys(text);
    }

    private void submit(String buttonText) {
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='" + buttonText + "']")));
    }

    /** Clicks something that loads a new page and waits until the old one is gone (a click does not wait for it). */
    private void navigate(WebElement element) {
        WebElement old = find("html");
        element.click();
        waiting().until(d -> gone(old));
        waiting().until(d -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
    }

    /** Stale: chromedriver reports a node of an unloaded page as stale or as "not in the document". */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    private String h1() {
        return find("h1").getText();
    }

    /** Zero serious or critical axe violations, and a screenshot of what was checked. */
    private void check(String name) {
        chromium.screenshot(name);
        assertThat(chromium.seriousViolations()).as("axe on " + chromium.driver.getCurrentUrl()).isEmpty();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(chromium.driver, Duration.ofSeconds(60));
    }

    private String outboxLink(String email, String subject) {
        String body = jdbc.sql("SELECT body FROM outbox WHERE recipient = :r AND subject LIKE :s ORDER BY created_at DESC LIMIT 1")
                .param("r", email).param("s", subject + "%").query(String.class).single();
        var m = Pattern.compile("In a browser: https://[^/]+(/app/\\S+)").matcher(body);
        assertThat(m.find()).as("a browser link in the mail").isTrue();
        return m.group(1);
    }

    private void signUpAndIn(String email, String name) {
        open("/app/signup");
        check("signup");
        type("name", name);
        type("email", email);
        type("password", PASSWORD);
        submit("Create account");
        assertThat(h1()).isEqualTo("Check your email");
        assertThat(find("#outbox-hint").getText()).contains("outbox");
        check("signup-done");
        open(outboxLink(email, "Verify"));
        check("verify");
        submit("Verify");
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/app/signin?verified");
        signIn(email);
    }

    private void signIn(String email) {
        open("/app/signin");
        type("email", email);
        type("password", PASSWORD);
        submit("Sign in");
        assertThat(h1()).isEqualTo("Dashboard");
    }

    private void signOut() {
        navigate(find("#signout"));
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/app/signin?signedOut");
    }

    private String email() {
        return "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** Adds the sandbox and goes through its consent page in this browser; returns the connection id. */
    private String connectSandbox(String alias) {
        open("/app/connections");
        check("connections-empty");
        find("#provider-sandbox").click();
        type("alias", alias);
        submit("Connect");
        assertThat(chromium.driver.getCurrentUrl()).as(() -> h1() + ": " + find("main").getText())
                .contains("/sandbox/v1/oauth/authorize");
        chromium.screenshot("sandbox-consent");
        navigate(chromium.driver.findElement(By.xpath("//button[normalize-space()='Allow']")));
        assertThat(h1()).isEqualTo("Connected");
        check("connected");
        WebElement back = chromium.driver.findElement(By.linkText("Back to your connections in Dashtam"));
        assertThat(back.getDomAttribute("href")).as("absolute: the listener port would 404 a relative link")
                .isEqualTo(base() + "/app/connections");
        navigate(back);
        assertThat(chromium.driver.getCurrentUrl()).isEqualTo(base() + "/app/connections");
        WebElement link = chromium.driver.findElement(By.linkText(alias));
        String href = link.getAttribute("href");
        navigate(link);
        return href.substring(href.lastIndexOf('/') + 1);
    }

    @Test
    void newUserConnectsSyncsAndReadsTheirMoney() {
        String email = email();
        signUpAndIn(email, "Journey User");
        check("dashboard-empty");
        String id = connectSandbox("My sandbox");

        assertThat(find("#status").getText()).isEqualTo("active");
        navigate(find("#sync-now"));
        WebElement progress = find("#sync-progress");
        assertThat(progress.getAttribute("data-status")).isIn("queued", "running");
        check("sync-queued");
        assertThat(SyncDriver.runDue(context)).isPositive();
        waiting().until(d -> "succeeded".equals(find("#sync-progress").getAttribute("data-status")));
        assertThat(find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        check("sync-done");

        // Dashboard: the chart's points are the API's net-worth history, point for point.
        open("/app?range=30d");
        var api = api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        var client = api().as(api.json().get("accessToken").asString());
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        var history = client.get("/api/v1/net-worth/history?from=" + today.minusDays(30) + "&to=" + today).json();
        List<String> expected = new ArrayList<>();
        history.get("series").forEach(s -> s.get("points").forEach(p -> expected.add(
                s.get("currency").asString() + " " + p.get("date").asString() + " " + p.get("amount").asString())));
        List<String> plotted = new ArrayList<>();
        for (WebElement figure : chromium.driver.findElements(By.cssSelector("figure.chart"))) {
            String currency = figure.getAttribute("data-currency");
            for (WebElement row : figure.findElements(By.cssSelector("tbody tr"))) {
                plotted.add(currency + " " + row.getAttribute("data-date") + " " + row.getAttribute("data-amount"));
            }
            assertThat(figure.findElement(By.cssSelector("polyline")).getAttribute("points")).isNotBlank();
        }
        assertThat(expected).isNotEmpty();
        assertThat(plotted).isEqualTo(expected);
        assertThat(find(".totals").getText()).contains("$");
        check("dashboard");
        chromium.phone();
        chromium.screenshot("dashboard-390");
        chromium.desktop();

        // An account with holdings.
        navigate(find("section[aria-labelledby=acc-h] tbody a"));
        assertThat(chromium.driver.findElements(By.cssSelector("#holdings tbody tr"))).isNotEmpty();
        check("account");

        // Transactions: filter and page.
        open("/app/transactions");
        check("transactions");
        assertThat(chromium.driver.findElements(By.cssSelector("table.transactions tbody tr"))).hasSize(AccountPages.PAGE);
        String firstRow = find("table.transactions tbody tr").getAttribute("data-id");
        navigate(find("#older"));
        assertThat(find("table.transactions tbody tr").getAttribute("data-id")).isNotEqualTo(firstRow);
        navigate(find("#newer"));
        assertThat(find("table.transactions tbody tr").getAttribute("data-id")).isEqualTo(firstRow);
        String type = find("table.transactions tbody tr td:nth-child(2)").getText();
        type("type", type);
        submit("Filter");
        assertThat(chromium.driver.findElements(By.cssSelector("table.transactions tbody tr td:nth-child(2)")))
                .isNotEmpty().allSatisfy(td -> assertThat(td.getText()).isEqualTo(type));
        type("from", "");
        chromium.driver.get(base() + "/app/transactions?from=not-a-date");
        assertThat(find(".error").getText()).contains("from");

        open("/app/settings");
        check("settings");
        assertThat(chromium.driver.findElements(By.cssSelector("#sessions tbody tr"))).isNotEmpty();
        signOut();
        open("/app/connections/" + id);
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/app/signin");
    }

    @Test
    void anotherUsersAccountIsANotFoundPage() {
        String a = email();
        signUpAndIn(a, "Owner A");
        connectSandbox("A sandbox");
        SyncDriver.runDue(context);
        open("/app/accounts");
        String accountUrl = find("main tbody a").getAttribute("href");
        signOut();
        signUpAndIn(email(), "Intruder B");
        chromium.driver.get(accountUrl);
        assertThat(h1()).isEqualTo("Not found");
        assertThat(find("#trace-id").getText()).matches("[0-9a-f]{32}");
        assertThat(chromium.driver.getPageSource()).doesNotContain("A sandbox");
        check("not-found");
        signOut();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        signUpAndIn(email(), "Csrf User");
        open("/app/connections");
        chromium.driver.executeScript("document.querySelectorAll('main input[name=_csrf]').forEach(e => e.remove())");
        find("#provider-sandbox").click();
        type("alias", "Forged");
        submit("Connect");
        assertThat(h1()).isEqualTo("Forbidden");
        check("csrf-refused");
        open("/app/connections");
        assertThat(chromium.driver.getPageSource()).doesNotContain("Forged");
        signOut();
    }

    @Test
    void aSessionRevokedElsewhereIsSignedOutOnItsNextClick() {
        String email = email();
        signUpAndIn(email, "Revoked User");
        var login = api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        var other = api().as(login.json().get("accessToken").asString());
        assertThat(other.delete("/api/v1/sessions").status()).isEqualTo(204);
        navigate(chromium.driver.findElement(By.linkText("Connections")));
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/app/signin");
        assertThat(h1()).isEqualTo("Sign in");
    }

    @Test
    void signInWithTheKeyboardOnlyAndUserTextIsEscaped() {
        String email = email();
        signUpAndIn(email, "Keys User");
        signOut();
        open("/app/signin");
        // Skip link, nav links, then the form: tab until the email field has focus.
        for (int i = 0; i < 10 && !"email".equals(chromium.driver.switchTo().activeElement().getAttribute("id")); i++) {
            new Actions(chromium.driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(chromium.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("email");
        WebElement old = find("html");
        new Actions(chromium.driver).sendKeys(email).sendKeys(Keys.TAB).sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform();
        waiting().until(d -> gone(old));
        waiting().until(d -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
        assertThat(h1()).isEqualTo("Dashboard");

        // Bad input: a script alias is stored as text and shown escaped; empty and huge aliases are refused.
        open("/app/connections");
        find("#provider-file").click();
        type("alias", "<script>alert(1)</script>");
        submit("Connect");
        open("/app/connections");
        assertThat(chromium.driver.findElement(By.linkText("<script>alert(1)</script>"))).isNotNull();
        check("escaped-alias");
        chromium.driver.executeScript("document.getElementById('alias').removeAttribute('maxlength');"
                + "document.getElementById('alias').removeAttribute('required')");
        find("#provider-file").click();
        type("alias", "x".repeat(5000));
        submit("Connect");
        assertThat(find(".error").getText()).contains("alias");
        open("/app/signin");
        chromium.driver.executeScript("document.getElementById('email').removeAttribute('required');"
                + "document.getElementById('password').removeAttribute('required')");
        submit("Sign in");
        assertThat(find(".error").getText()).isEqualTo("Enter your email and password.");
        check("signin-error");
    }

    @Test
    void importACsvWithAMappingAndAPreview() throws Exception {
        signUpAndIn(email(), "Import User");
        open("/app/connections");
        find("#provider-file").click();
        type("alias", "Card files");
        submit("Connect");
        navigate(chromium.driver.findElement(By.linkText("Import a file")));
        check("import-form");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("card", ".csv");
        java.nio.file.Files.writeString(csv, """
                Date,Amount,Description
                2026-11-01,-12.50,Coffee beans
                2026-11-02,-3.10,Bus ticket
                2026-11-03,1500.00,Salary
                """);
        find("#file").sendKeys(csv.toAbsolutePath().toString());
        type("accountNumber", "4000123412341234");
        type("accountName", "Visa");
        type("dateFormat", "yyyy-MM-dd");
        submit("Preview");
        assertThat(find("#import-result h2").getText()).isEqualTo("Preview (nothing stored yet)");
        assertThat(find("#parsed").getText()).isEqualTo("3");
        assertThat(find("#unchanged").getText()).isEqualTo("0");
        check("import-preview");
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE description = 'Coffee beans'")
                .query(Integer.class).single()).as("a preview stores nothing").isZero();
        navigate(find("#confirm-import"));
        assertThat(find("#import-result h2").getText()).isEqualTo("Imported");
        assertThat(find("#parsed").getText()).isEqualTo("3");
        check("import-done");
        open("/app/transactions");
        assertThat(chromium.driver.getPageSource()).contains("Coffee beans").contains("-$12.50");
        signOut();
    }

    @Test
    void reconnectFromReauthRequired() {
        signUpAndIn(email(), "Reauth User");
        String id = connectSandbox("Reauth sandbox");
        jdbc.sql("UPDATE provider_connections SET status = 'reauth_required' WHERE id = :id")
                .param("id", UUID.fromString(id)).update();
        open("/app/connections/" + id);
        assertThat(find("#status").getText()).isEqualTo("reauth_required");
        assertThat(find("#connect").getText()).isEqualTo("Reconnect");
        check("reauth-required");
        navigate(find("#connect"));
        assertThat(chromium.driver.getCurrentUrl()).contains("/sandbox/v1/oauth/authorize");
        navigate(chromium.driver.findElement(By.xpath("//button[normalize-space()='Allow']")));
        assertThat(h1()).isEqualTo("Connected");
        open("/app/connections/" + id);
        assertThat(find("#status").getText()).isEqualTo("active");
        signOut();
    }
}
