package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A paste provider connected in real Chromium from the registry's connect kind alone (no provider-specific page):
 * the built-in SimpleFIN sandbox bridge's setup token pasted into the generic form, plus the refusals.
 */
class PasteConnectBrowserIT extends IntegrationTest {

    /** One browser for this class's tests, on this context's port; screenshots are named paste-*. */
    @RegisterExtension
    static final Pages browser = Pages.perClass("paste");

    @Autowired
    ApplicationContext context;

    private void signIn(String email) {
        browser.signIn(email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Dashboard");
    }

    /** Adds a SimpleFIN connection from the registry's list; answers its id, on its page with the paste form. */
    private String addSimplefin(String alias) {
        browser.open("/app/connections");
        browser.find("#provider-simplefin").click();
        browser.type("alias", alias);
        browser.press("Connect");
        String url = browser.url();
        assertThat(url).contains("/app/connections/");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("pending");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void paste(String credential) {
        browser.type("credential", credential);
        browser.navigate(browser.find("#paste"));
    }

    private long storedCredentials(String connectionId) {
        return jdbc.sql("SELECT count(*) FROM provider_credentials WHERE connection_id = :id")
                .param("id", UUID.fromString(connectionId)).query(Long.class).single();
    }

    @Test
    void aPastedSandboxSetupTokenConnectsAndSyncs() {
        String email = newUser().email();
        signIn(email);
        browser.open("/app/connections");
        assertThat(browser.find("label[for=provider-simplefin]").getText()).contains("SimpleFIN").contains("paste");
        String id = addSimplefin("My bank");

        WebElement field = browser.find("#paste-form #credential");
        assertThat(field.getAttribute("type")).isEqualTo("password");
        assertThat(field.getAttribute("autocomplete")).isEqualTo("off");
        assertThat(browser.find("label[for=credential]").getText()).contains("setup token / key").contains("SimpleFIN");
        assertThat(browser.all("#paste-form input[name=_csrf]")).hasSize(1);
        assertThat(browser.all("#connect")).as("no OAuth button").isEmpty();
        browser.check("form");

        String token = api().post("/simplefin-sandbox/setup-tokens", Map.of()).json().get("setupToken").asString();
        paste(token);
        assertThat(browser.url()).endsWith("/app/connections/" + id + "?connected");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("active");
        assertThat(browser.all("#paste-form")).isEmpty();
        assertThat(browser.source()).doesNotContain(token);
        assertThat(storedCredentials(id)).isOne();
        browser.check("connected");

        // The same sync as any provider: progress on the page, accounts from the sandbox bridge.
        browser.navigate(browser.find("#sync-now"));
        assertThat(SyncDriver.runDue(context)).isPositive();
        browser.waiting()
                .until(d -> "succeeded".equals(browser.find("#sync-progress").getAttribute("data-status")));
        assertThat(browser.find("#sync-progress .run-counts").getText()).doesNotStartWith("0 accounts");
        browser.screenshot("synced");

        // The token is spent: a second connection pasting it gets the bridge's 403 as a readable message.
        String second = addSimplefin("Same token again");
        paste(token);
        assertThat(browser.find(".error").getText()).contains("already claimed").contains("someone else");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("pending");
        assertThat(browser.find("#credential").getAttribute("value")).isEmpty();
        assertThat(browser.source()).doesNotContain(token);
        assertThat(storedCredentials(second)).isZero();
        browser.check("claimed");
    }

    @Test
    void garbageAndEmptyPastesAreReadableMessagesThatStoreNothing() {
        signIn(newUser().email());
        String id = addSimplefin("Garbage");
        String garbage = "<script>alert(1)</script>not-a-token";
        paste(garbage);
        assertThat(browser.find(".error").getText()).contains("Not a SimpleFIN setup token");
        assertThat(browser.find("h1").getText()).isEqualTo("Garbage");
        assertThat(browser.source()).doesNotContain("not-a-token").doesNotContain("<script>alert");
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("pending");
        assertThat(storedCredentials(id)).isZero();
        browser.check("garbage");

        // Past the browser's own "required" check: an empty paste is a message too, never a 5xx.
        browser.js("document.getElementById('credential').removeAttribute('required')");
        paste("");
        assertThat(browser.find(".error").getText()).isEqualTo("Paste the setup token.");
        assertThat(browser.find("#credential-error").getText()).isEqualTo("Paste the setup token.");
        assertThat(storedCredentials(id)).isZero();
    }
}
