package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One Chromium driven page by page against one Dashtam base URL: the helpers every browser test repeats. */
final class Pages implements AutoCloseable {

    final Chromium chromium;
    private final String base;
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

    /** Pages on a browser the test class owns (one Chromium for all its tests); closing it is a no-op. */
    static Pages on(Chromium chromium, String base, String name) {
        return new Pages(chromium, base, name, false);
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
        return !chromium.driver.findElements(By.cssSelector(css)).isEmpty();
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
        navigate(chromium.driver.findElement(By.linkText(text)));
    }

    /** Clicks something that loads a new page and waits until the old one is gone (a click does not wait for it). */
    void navigate(WebElement element) {
        WebElement old = find("html");
        element.click();
        waiting().until(d -> gone(old));
        waiting().until(d -> "complete".equals(chromium.driver.executeScript("return document.readyState")));
    }

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

    void signIn(String email, String password) {
        open("/app/signin");
        type("email", email);
        type("password", password);
        press("Sign in");
    }

    /** The path of the browser link in a mail's body ({@code In a browser: https://host/app/...}). */
    static String browserLink(String mailBody) {
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
