package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin page in real Chromium: users listed, disable/enable (the user's open browser is signed out on its next
 * click and cannot sign in), end a user's sessions, an invite link made on the page and used in another browser on
 * a replica whose sign-up is invite-only; a non-admin gets the forbidden page. axe-core on every page.
 */
class AdminBrowserIT extends IntegrationTest {

    private static final String ADMIN = "admin@dashtam.test";
    /** No browser: skipped (or failed, if required) before a replica is started for nothing. */
    @RegisterExtension
    @Order(1)
    static final BeforeAllCallback browserInstalled = context -> Chromium.requireInstalled();
    @RegisterExtension
    @Order(2)
    static final Replica inviteOnly = new Replica("--dashtam.users.registration=invite-only");

    private String base() {
        return "https://localhost:" + port;
    }

    /** Signs up on the page, verifies from the dev outbox, signs in. */
    private void signUpVerifyAndSignIn(Pages browser, String email, String name) {
        browser.open("/app/signup");
        browser.signUp(name, email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Check your email");
        verifyAndSignIn(browser, email);
    }

    private void verifyAndSignIn(Pages browser, String email) {
        browser.open(Pages.mailedLink(jdbc, email, "Verify"));
        browser.press("Verify");
        assertThat(browser.url()).endsWith("/app/signin?verified");
        browser.signIn(email, PASSWORD);
        assertThat(browser.h1()).isEqualTo("Dashboard");
    }

    private String status(Pages admin, String email) {
        return admin.find("tr[data-email='" + email + "'] td.user-status").getText();
    }

    @Test
    void adminDisablesEnablesEndsSessionsAndInvitesANewcomer() {
        String email = "member-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        try (Pages admin = new Pages(base(), "admin"); Pages member = new Pages(base(), "member")) {
            signUpVerifyAndSignIn(admin, ADMIN, "The Admin");
            signUpVerifyAndSignIn(member, email, "A Member");

            // Not an admin: the admin page is refused with a page, not data.
            member.open("/app/admin");
            assertThat(member.h1()).isEqualTo("Forbidden");
            assertThat(member.source()).doesNotContain(ADMIN);
            member.check("admin-forbidden");

            admin.clickLink("Admin");
            assertThat(admin.h1()).isEqualTo("Users");
            assertThat(status(admin, email)).isEqualTo("active");
            assertThat(status(admin, ADMIN)).isEqualTo("active");
            admin.check("admin-users");

            // Disable: the member's open page is signed out on its next click, and signing in is refused.
            admin.press("Disable " + email);
            assertThat(status(admin, email)).isEqualTo("disabled");
            admin.check("admin-user-disabled");
            member.clickLink("Connections");
            assertThat(member.url()).endsWith("/app/signin");
            member.signIn(email, PASSWORD);
            assertThat(member.text(".error")).isEqualTo("This account is disabled");
            member.check("signin-disabled");

            admin.press("Enable " + email);
            assertThat(status(admin, email)).isEqualTo("active");
            member.signIn(email, PASSWORD);
            assertThat(member.h1()).isEqualTo("Dashboard");

            // End sessions: signed out on the next click, and may sign in again.
            admin.press("End sessions of " + email);
            member.clickLink("Settings");
            assertThat(member.url()).endsWith("/app/signin");
            assertThat(admin.h1()).as("the admin's own session is untouched").isEqualTo("Users");

            // An invite link, shown once on the page.
            admin.press("Create invite link");
            String link = admin.find("#invite-link").getAttribute("value");
            assertThat(link).contains("/app/signup?invite=");
            assertThat(admin.text("#invites tbody tr:first-child td:last-child")).isEqualTo("open");
            admin.check("admin-invite-created");
            admin.clickLink("Admin");
            assertThat(admin.has("#invite-link")).as("shown only once").isFalse();
            assertThat(admin.source()).doesNotContain(link.substring(link.indexOf('=') + 1));

            // The member's browser, now signed out, becomes the newcomer's, on the invite-only replica.
            try (Pages newcomer = member.at("https://localhost:" + inviteOnly.port(), "newcomer")) {
                newcomer.open("/app/signup");
                assertThat(newcomer.text("#signup-refused")).contains("needs an invite link");
                assertThat(newcomer.has("#password")).isFalse();
                newcomer.check("signup-invite-required");

                String path = link.substring(link.indexOf("/app/"));
                newcomer.open(path);
                assertThat(newcomer.text("#invited")).contains("invited");
                newcomer.check("signup-invited");
                String invited = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
                newcomer.signUp("Invited Person", invited, PASSWORD);
                assertThat(newcomer.h1()).isEqualTo("Check your email");

                newcomer.open(path);
                assertThat(newcomer.text("#signup-refused")).contains("already been used");
                newcomer.check("signup-invite-used");
                verifyAndSignIn(newcomer, invited);
                assertThat(jdbc.sql("SELECT role FROM users WHERE email = :e").param("e", invited)
                        .query(String.class).single()).isEqualTo("user");
            }
            admin.clickLink("Admin");
            assertThat(admin.text("#invites tbody tr:first-child td:last-child")).isEqualTo("used");
            assertThat(admin.source()).contains("invited-");
        }
    }
}
