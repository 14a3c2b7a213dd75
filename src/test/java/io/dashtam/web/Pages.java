package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * One Chromium driven page by page against one Dashtam base URL: the helpers every browser test repeats. Either a
 * browser of the test's own ({@code try (Pages browser = new Pages(base, name))}), or one for all the tests of a
 * class: {@code @RegisterExtension static final Pages browser = Pages.perClass(name)}.
 */
final class Pages implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Set once, or by {@link #beforeAll} for a class's browser. */
    Chromium chromium;
    /** Set once, or before each test for a class's browser (the test context's port). */
    private String base;
    private final String name;
    private final boolean owner;

    /** {@code name} prefixes this browser's screenshots, so two browsers in one test do not overwrite each other. */
    Pages(String base, String name) {
        this(new Chromium(), base, name, true);
    }

    private Pages(Chromium chromium, String base, String name, boolean owner) {
        this.chromium = chromium;
        this.base = base;
        this.name = name;
        this.owner = owner;
    }

    /**
     * One Chromium for all the tests of a class (a browser start takes seconds): started before them, quit after
     * them, pointed before each test at the port of the test's application context.
     */
    static Pages perClass(String name) {
        return new Pages(null, null, name, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        chromium = new Chromium();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        base = "https://localhost:" + SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            close();
            chromium = null;
        }
    }

    /** The same browser (cookies and all) pointed at another base URL, e.g. a second replica; closing it is a no-op. */
    Pages at(String otherBase, String otherName) {
        return new Pages(chromium, otherBase, otherName, false);
    }

    void open(String path) {
        chromium.driver.get(base + path);
    }

    String url() {
        return chromium.driver.getCurrentUrl();
    }

    WebElement find(String css) {
        try {
            return chromium.driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            var main = chromium.driver.findElements(By.cssSelector("main"));
            throw new AssertionError("no " + css + " on " + url() + ": "
                    + (main.isEmpty() ? chromium.driver.getPageSource() : main.get(0).getText()), e);
        }
    }

    boolean has(String css) {
        return !all(css).isEmpty();
    }

    /** Every element matching {@code css}; none is an empty list, not an error. */
    List<WebElement> all(String css) {
        return chromium.driver.findElements(By.cssSelector(css));
    }

    /** The link with exactly this text. */
    WebElement link(String text) {
        return chromium.driver.findElement(By.linkText(text));
    }

    String source() {
        return chromium.driver.getPageSource();
    }

    Object js(String script) {
        return chromium.driver.executeScript(script);
    }

    String text(String css) {
        return find(css).getText();
    }

    String h1() {
        return text("h1");
    }

    void type(String id, String text) {
        WebElement field = find("#" + id);
        field.clear();
        field.sendKeys(text);
    }

    /** Presses the button in main with this text (a visually hidden suffix, e.g. the user's email, included). */
    void press(String buttonText) {
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='" + buttonText + "']")));
    }

    void clickLink(String text) {
        navigate(link(text));
    }

    /** Clicks something that loads a new page and waits until the old one is gone (a click does not wait for it). */
    void navigate(WebElement element) {
        navigate(element::click);
    }

    /** Does what loads a new page (a click, keys ending in Enter) and waits until the old one is gone and loaded. */
    void navigate(Runnable action) {
        WebElement old = find("html");
        action.run();
        waiting().until(d -> gone(old));
        waiting().until(d -> "complete".equals(js("return document.readyState")));
    }

    /** Stale: chromedriver reports a node of an unloaded page as stale or as "not in the document". */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(chromium.driver, Duration.ofSeconds(60));
    }

    /** Zero serious or critical axe violations, and a screenshot of what was checked. */
    void check(String shot) {
        chromium.screenshot(name + "-" + shot);
        assertThat(chromium.seriousViolations()).as("axe on " + url()).isEmpty();
    }

    void screenshot(String shot) {
        chromium.screenshot(name + "-" + shot);
    }

    /** Fills in the sign-up page this browser is on and creates the account. */
    void signUp(String name, String email, String password) {
        type("name", name);
        type("email", email);
        type("password", password);
        press("Create account");
    }

    /** Forgets an earlier test's session: a signed-in browser is led past the sign-in page (to the dashboard). */
    void forgetSession() {
        open("/app/signin");
        chromium.driver.manage().deleteCookieNamed("__Host-dashtam-session");
    }

    /** Signs in; a browser still signed in from an earlier test (the sign-in page leads it on) signs out first. */
    void signIn(String email, String password) {
        open("/app/signin");
        if (!url().contains("/app/signin") && has("#signout")) {
            chromium.driver.manage().deleteCookieNamed("__Host-dashtam-session");
            open("/app/signin");
        }
        type("email", email);
        type("password", password);
        press("Sign in");
    }

    /** The path of the browser link in the newest mail to {@code recipient} whose subject starts so (dev outbox). */
    static String mailedLink(JdbcClient jdbc, String recipient, String subject) {
        return browserLink(jdbc.sql("SELECT body FROM outbox WHERE recipient = :r AND subject LIKE :s "
                + "ORDER BY created_at DESC LIMIT 1").param("r", recipient).param("s", subject + "%")
                .query(String.class).single());
    }

    /** The path of the browser link in a mail's body ({@code In a browser: https://host/app/...}). */
    private static String browserLink(String mailBody) {
        var m = Pattern.compile("In a browser: https://[^/]+(/app/\\S+)").matcher(mailBody);
        assertThat(m.find()).as("a browser link in the mail").isTrue();
        return m.group(1);
    }

    @Override
    public void close() {
        if (owner) {
            chromium.close();
        }
    }
}
