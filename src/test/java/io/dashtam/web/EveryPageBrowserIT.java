package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 28: every page of the web app in real Chromium as a newcomer with data sees it, in the light and the dark
 * scheme at a desktop and a phone size (390x844): axe-core clean in all four, no sideways scroll and the navigation
 * behind one control on the phone, tap targets at least 44 px; plus the rough edges the first walk found (the
 * pending badge, the account column, words for codes, SimpleFIN guidance, the import summary, ...).
 */
class EveryPageBrowserIT extends IntegrationTest {

    private static final String ADMIN = "admin@dashtam.test";

    @RegisterExtension
    static final Pages browser = Pages.perClass("every");

    @Autowired
    ApplicationContext context;

    /** Visible controls a finger taps, shorter than 44 px (links inside running text are exempt). */
    private static final String SMALL_TARGETS = """
            return [...document.querySelectorAll('button, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), '
                + 'select, summary, nav a, .actions a, .pager a, .back a')]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height < 44; })
              .map(e => e.tagName + '#' + e.id + ' ' + (e.textContent || e.name || '').trim().slice(0, 30)
                + ' ' + Math.round(e.getBoundingClientRect().height) + 'px');""";

    /**
     * The four ways a page is looked at: light and dark, desktop and phone. axe-core on each; on the phone, nothing
     * wider than the screen, every control at least 44 px tall, and the navigation collapsed into one control.
     */
    private void looks(String shot) {
        for (String scheme : List.of("light", "dark")) {
            browser.chromium.colorScheme(scheme);
            browser.chromium.noDeviceMetrics();
            assertThat(browser.js("return getComputedStyle(document.body).backgroundColor"))
                    .as("the %s scheme is applied", scheme).isEqualTo(scheme.equals("dark") ? "rgb(13, 17, 23)"
                            : "rgb(255, 255, 255)");
            browser.check(shot + "-desktop-" + scheme);
            browser.chromium.phoneMetrics();
            assertThat(browser.js("return window.innerWidth")).isEqualTo(390L);
            assertThat(browser.js("return document.documentElement.scrollWidth")).as("sideways scroll on %s",
                    browser.url()).isEqualTo(390L);
            assertThat(browser.js(SMALL_TARGETS)).as("targets under 44 px on %s", browser.url())
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
            if (browser.has(".menu")) {
                assertThat(browser.find("#menu-button").isDisplayed()).as("one Menu control").isTrue();
                assertThat(browser.find(".links.wide").isDisplayed()).as("no inline links").isFalse();
                assertThat(browser.js("return document.querySelector('.menu .links a').checkVisibility()"))
                        .as("links folded away").isEqualTo(false);
            }
            browser.check(shot + "-phone-" + scheme);
        }
        browser.chromium.noDeviceMetrics();
        browser.chromium.colorScheme("light");
    }

    private void open(String path, String shot) {
        browser.open(path);
        looks(shot);
    }

    /** Adds the sandbox brokerage and allows it on its consent page; answers the connection's id. */
    private String connectSandbox(String alias) {
        browser.open("/app/connections");
        browser.find("#provider-sandbox").click();
        browser.type("alias", alias);
        browser.press("Connect");
        browser.press("Allow");
        browser.navigate(browser.link("Back to your connections in Dashtam"));
        String href = browser.link(alias).getAttribute("href");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private String add(String provider, String alias) {
        browser.open("/app/connections");
        browser.find("#provider-" + provider).click();
        browser.type("alias", alias);
        browser.press("Connect");
        return browser.url().substring(browser.url().lastIndexOf('/') + 1);
    }

    private Path csv(String content) throws Exception {
        Path file = Files.createTempFile("card", ".csv");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void everyPageLightAndDarkAtDesktopAndPhoneSizes() throws Exception {
        var me = newUser(ADMIN);
        // An admin email is an admin once verified (the admin page is among the pages).
        String link = Pages.mailedLink(jdbc, ADMIN, "Verify");
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", java.net.URLDecoder.decode(
                link.substring(link.indexOf("token=") + 6), java.nio.charset.StandardCharsets.UTF_8))).status())
                .isBetween(200, 204);
        browser.signIn(ADMIN, PASSWORD);

        // A fresh install: guidance instead of empty boxes; a signed-in user is not shown the sign-in form.
        assertThat(browser.text("#get-started")).contains("Add a connection").contains("Sandbox Brokerage");
        assertThat(browser.has("svg.line-chart")).as("no chart without history").isFalse();
        looks("dashboard-empty");
        // On a phone the one Menu control opens the links, with the keyboard too.
        browser.chromium.phoneMetrics();
        assertThat(browser.find("#menu-button").isDisplayed()).isTrue();
        browser.find("#menu-button").sendKeys(Keys.ENTER);
        assertThat(browser.js("return document.querySelector('.menu .links a').checkVisibility()")).isEqualTo(true);
        browser.screenshot("menu-open-phone");
        browser.navigate(browser.find(".menu a[href='/app/connections']"));
        assertThat(browser.h1()).isEqualTo("Connections");
        browser.chromium.noDeviceMetrics();
        browser.open("/app/signin");
        assertThat(browser.h1()).isEqualTo("Dashboard");
        open("/app/connections", "connections-empty");
        assertThat(browser.text("#connections-empty")).contains("Sandbox Brokerage");
        // A provider that can be connected here is chosen already (the first listed, Schwab, is not configured).
        assertThat(browser.all("input[name=provider]:checked")).hasSize(1)
                .allSatisfy(radio -> assertThat(radio.isEnabled()).isTrue());
        open("/app/transactions", "transactions-empty");
        assertThat(browser.text("#transactions-empty")).contains("Add a connection").contains("import");

        // Keyboard: the first Tab reaches the skip link, shown with a focus ring; Enter moves on to the content.
        var driver = browser.chromium.driver;
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
        assertThat(browser.js("return document.activeElement.getBoundingClientRect().left >= 0")).isEqualTo(true);
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        assertThat(browser.url()).endsWith("#main");

        // A bad field is a sentence next to it.
        browser.open("/app/transactions?from=31.01.2026");
        assertThat(browser.text("#from-error")).isEqualTo("The From date must be a date like 2026-01-31.");
        assertThat(browser.find("#from").getAttribute("aria-invalid")).isEqualTo("true");

        String sandbox = connectSandbox("My brokerage");
        browser.open("/app/connections/" + sandbox);
        assertThat(browser.text("#status")).isEqualTo("Connected");
        browser.navigate(browser.find("#sync-now"));
        assertThat(SyncDriver.runDue(context)).isPositive();
        browser.waiting().until(d -> "succeeded".equals(browser.find("#sync-progress").getAttribute("data-status")));
        looks("connection-synced");

        // SimpleFIN: where a setup token comes from.
        add("simplefin", "My bank");
        assertThat(browser.text("#help")).contains("Paste a setup token from SimpleFIN").doesNotContain("sign in at");
        assertThat(browser.source()).doesNotContain("authorization required");
        assertThat(browser.find("#credential-source").getAttribute("href"))
                .isEqualTo("https://bridge.simplefin.org/simplefin/create");
        looks("connection-simplefin-pending");

        // A file connection says what it is for; no sync promised, no Sync button.
        String files = add("file", "Card files");
        assertThat(browser.text("#help")).contains("import an OFX, QFX or CSV").doesNotContain("syncs it on its own");
        assertThat(browser.has("#sync-now")).isFalse();
        looks("connection-file");

        // Import: refusals in words; a preview whose summary adds up its table, and no second upload form.
        browser.open("/app/import?connection=" + files);
        looks("import-form");
        browser.find("#file").sendKeys(csv("Date,Amount,Description\n2026-11-01,\"12,50\",Coffee\n").toString());
        browser.type("accountNumber", "4000123412341234");
        browser.press("Preview");
        assertThat(browser.text("#import-error")).contains("line 2").contains("ambiguous under the decimal mark '.'");
        browser.find("#file").sendKeys(csv("Date,Amount,Description\n2026-11-01,-12.50,Coffee\n").toString());
        browser.type("accountNumber", "4000123412341234");
        browser.type("currency", "BTC");
        browser.press("Preview");
        assertThat(browser.text("#csv-account-currency-error")).isEqualTo("BTC is not an ISO 4217 currency.");
        browser.find("#file").sendKeys(csv("""
                Date,Amount,Description
                2026-11-01,"-12,50",Coffee beans
                2026-11-02,"-3,10",Bus ticket
                2026-11-03,"1.500,00",Salary
                """).toString());
        browser.type("accountNumber", "4000123412341234");
        browser.type("accountName", "Visa");
        browser.type("currency", "EUR");
        new org.openqa.selenium.support.ui.Select(browser.find("#decimalMark")).selectByValue(",");
        browser.press("Preview");
        assertThat(browser.text("#summary")).startsWith("3 rows read: 3 new, 0 updated, 0 already there (skipped).")
                .contains("creates a new account");
        assertThat(browser.has("#upload-form")).as("no second upload form below a preview").isFalse();
        assertThat(browser.has("#another-file")).isTrue();
        looks("import-preview");
        browser.navigate(browser.find("#confirm-import"));
        assertThat(browser.text("#summary")).startsWith("3 rows read: 3 new");
        looks("import-done");

        open("/app", "dashboard");
        // The chart, its one-day note, or the honest empty note (history needs rates for the EUR account); never a
        // lone dot in an empty box.
        assertThat(browser.all("figure.chart .chart-single, figure.chart polyline, .chart-empty")).isNotEmpty();
        assertThat(browser.all("svg.line-chart")).allSatisfy(svg -> assertThat(
                svg.findElements(By.cssSelector("circle"))).hasSizeGreaterThan(1));
        open("/app/connections", "connections");

        // Accounts: the number once, the connection by name, a negative cash balance like any negative amount.
        jdbc.sql("UPDATE balance_snapshots SET cash = -1234.5 WHERE account_id = (SELECT id FROM accounts "
                + "WHERE user_id = :u AND type = 'MARGIN')").param("u", UUID.fromString(me.userId())).update();
        open("/app/accounts", "accounts");
        assertThat(browser.all("#accounts td.name")).isNotEmpty().allSatisfy(td -> {
            String[] words = td.getText().split(" ");
            assertThat(words).doesNotHaveDuplicates();
        });
        assertThat(browser.all("#accounts td.connection a")).extracting(e -> e.getText())
                .contains("My brokerage", "Card files");
        assertThat(browser.find("#accounts td.cash.neg").getText()).startsWith("-");
        browser.navigate(browser.find("#accounts td.name a"));
        looks("account");

        // Transactions: the account of each row, statuses and types in words with the code at hand, the pending badge.
        open("/app/transactions", "transactions");
        assertThat(browser.all("table.transactions th")).extracting(e -> e.getText()).contains("Account");
        assertThat(browser.all("table.transactions td.account")).isNotEmpty()
                .allSatisfy(td -> assertThat(td.getText()).isNotBlank());
        assertThat(browser.all("td.status span[data-code=PENDING]")).isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.getText()).isEqualTo("Pending");
                    assertThat(s.getAttribute("class")).contains("badge");
                });
        assertThat(browser.all("td.status span[data-code=VALID]")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.getText()).isEqualTo("Posted"));
        assertThat(browser.all("td.type span")).allSatisfy(s -> assertThat(s.getText()).doesNotContain("_"));
        browser.open("/app/transactions?account=" + browser.find("#account option:nth-child(2)")
                .getAttribute("value"));
        assertThat(browser.all("table.transactions th")).extracting(e -> e.getText()).doesNotContain("Account");

        open("/app/connections/" + sandbox + "/delete", "connection-delete");

        // Sessions in words; the admin's own row offers no Disable.
        open("/app/settings", "settings");
        assertThat(browser.text("#sessions tbody tr td.device")).contains(" on ");
        assertThat(browser.text("#sessions tbody tr td.address")).contains("(this computer)").doesNotContain("0:0:0");
        open("/app/admin", "admin");
        assertThat(browser.find("tr[data-email='" + ADMIN + "']").findElements(By.tagName("form")))
                .extracting(f -> f.getText()).noneMatch(t -> t.startsWith("Disable"));

        open("/app/no-such-page", "not-found");
        browser.open("/app/transactions?q=100%");
        assertThat(browser.h1()).isEqualTo("That request could not be read");
        looks("edge-error");
        browser.open("/app");
        browser.navigate(browser.find("#signout"));
        open("/app/signin", "signin");
        open("/app/signup", "signup");
        open("/app/verify-email", "verify");
        open("/app/forgot-password", "forgot");
        open("/app/reset-password", "reset");
    }
}
