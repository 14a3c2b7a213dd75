package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A paste provider connected in real Chromium from the registry's connect kind alone (no provider-specific page):
 * the built-in SimpleFIN sandbox bridge's setup token pasted into the generic form, plus the refusals.
 */
class PasteConnectBrowserIT extends IntegrationTest {

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

    private void open(String path) {
        chromium.driver.get("https://localhost:" + port + path);
    }

    private WebElement find(String css) {
        try {
            return chromium.driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            throw new AssertionError("no " + css + " on " + chromium.driver.getCurrentUrl() + ": "
                    + chromium.driver.findElement(By.cssSelector("main")).getText(), e);
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

    private void signIn(String email) {
        open("/app/signin");
        type("email", email);
        type("password", PASSWORD);
        navigate(find("main button[type=submit]"));
        assertThat(find("h1").getText()).isEqualTo("Dashboard");
    }

    /** Adds a SimpleFIN connection from the registry's list; answers its id, on its page with the paste form. */
    private String addSimplefin(String alias) {
        open("/app/connections");
        find("#provider-simplefin").click();
        type("alias", alias);
        navigate(chromium.driver.findElement(By.xpath("//main//button[normalize-space()='Connect']")));
        String url = chromium.driver.getCurrentUrl();
        assertThat(url).contains("/app/connections/");
        assertThat(find("#status").getText()).isEqualTo("pending");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void paste(String credential) {
        type("credential", credential);
        navigate(find("#paste"));
    }

    private long storedCredentials(String connectionId) {
        return jdbc.sql("SELECT count(*) FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(connectionId)).query(Long.class).single();
    }

    @Test
    void aPastedSandboxSetupTokenConnectsAndSyncs() {
        String email = newUser().email();
        signIn(email);
        open("/app/connections");
        assertThat(find("label[for=provider-simplefin]").getText()).contains("SimpleFIN").contains("paste");
        String id = addSimplefin("My bank");

        WebElement field = find("#paste-form #credential");
        assertThat(field.getAttribute("type")).isEqualTo("password");
        assertThat(field.getAttribute("autocomplete")).isEqualTo("off");
        assertThat(find("label[for=credential]").getText()).contains("setup token / key").contains("SimpleFIN");
        assertThat(chromium.driver.findElements(By.cssSelector("#paste-form input[name=_csrf]"))).hasSize(1);
        assertThat(chromium.driver.findElements(By.cssSelector("#connect"))).as("no OAuth button").isEmpty();
        check("paste-form");

        String token = api().post("/simplefin-sandbox/setup-tokens", Map.of()).json().get("setupToken").asString();
        paste(token);
        assertThat(chromium.driver.getCurrentUrl()).endsWith("/app/connections/" + id + "?connected");
        assertThat(find("#status").getText()).isEqualTo("active");
        assertThat(chromium.driver.findElements(By.cssSelector("#paste-form"))).isEmpty();
        assertThat(chromium.driver.getPageSource()).doesNotContain(token);
        assertThat(storedCredentials(id)).isOne();
        check("paste-connected");

        // The same sync as any provider: progress on the page, accounts from the sandbox bridge.
        navigate(find("#sync-now"));
        assertThat(SyncDriver.runDue(context)).isPositive();
        waiting().until(d -> "succeeded".equals(find("#sync-progress").getAttribute("data-status")));
        assertThat(find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        chromium.screenshot("paste-synced");

        // The token is spent: a second connection pasting it gets the bridge's 403 as a readable message.
        String second = addSimplefin("Same token again");
        paste(token);
        assertThat(find(".error").getText()).contains("already claimed").contains("someone else");
        assertThat(find("#status").getText()).isEqualTo("pending");
        assertThat(find("#credential").getAttribute("value")).isEmpty();
        assertThat(chromium.driver.getPageSource()).doesNotContain(token);
        assertThat(storedCredentials(second)).isZero();
        check("paste-claimed");
    }

    @Test
    void garbageAndEmptyPastesAreReadableMessagesThatStoreNothing() {
        signIn(newUser().email());
        String id = addSimplefin("Garbage");
        String garbage = "<script>alert(1)</script>not-a-token";
        paste(garbage);
        assertThat(find(".error").getText()).contains("Not a SimpleFIN setup token");
        assertThat(find("h1").getText()).isEqualTo("Garbage");
        assertThat(chromium.driver.getPageSource()).doesNotContain("not-a-token").doesNotContain("<script>alert");
        assertThat(find("#status").getText()).isEqualTo("pending");
        assertThat(storedCredentials(id)).isZero();
        check("paste-garbage");

        // Past the browser's own "required" check: an empty paste is a message too, never a 5xx.
        chromium.driver.executeScript("document.getElementById('credential').removeAttribute('required')");
        paste("");
        assertThat(find(".error").getText()).contains("credential");
        assertThat(storedCredentials(id)).isZero();
    }
}
