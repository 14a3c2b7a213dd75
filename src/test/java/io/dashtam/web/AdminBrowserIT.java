package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin page in real Chromium: users listed, disable/enable (the user's open browser is signed out on its next
 * click and cannot sign in), end a user's sessions, an invite link made on the page and used in another browser on
 * a replica whose sign-up is invite-only; a non-admin gets the forbidden page; an invite revoked by its button and
 * the sign-up mode set on the page (and honoured by the replica), then reset. axe-core on every page.
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

    /** The sign-up mode is the admin's choice in the database: each test starts from the configuration. */
    @AfterEach
    void configuredModeAgain() {
        jdbc.sql("DELETE FROM registration_setting").update();
    }

    private String base() {
        return "https://localhost:" + port;
    }

    /** Signs up on the page, verifies from the dev outbox, signs in. */
    private void signUpVerifyAndSignIn(Pages browser, String email, String name) {
        browser.forgetSession();
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
            assertThat(admin.text("#invites tbody tr:first-child td.invite-state")).isEqualTo("open");
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
            assertThat(admin.text("#invites tbody tr:first-child td.invite-state")).isEqualTo("used");
            assertThat(admin.source()).contains("invited-");
        }
    }

    @Test
    void adminRevokesAnInviteAndSetsWhoMaySignUp() {
        String root = "root@dashtam.test";
        try (Pages admin = new Pages(base(), "root"); Pages visitor = new Pages(base(), "visitor")) {
            signUpVerifyAndSignIn(admin, root, "Root Admin");
            admin.clickLink("Admin");
            assertThat(admin.text("#registration-mode")).isEqualTo("open");
            assertThat(admin.text("#registration-source")).contains("configured default");
            assertThat(admin.has("#reset-registration")).isFalse();

            // Revoke: the button takes the open invite back; its link is refused like an expired one.
            admin.press("Create invite link");
            String link = admin.find("#invite-link").getAttribute("value");
            String id = admin.find("#invites tbody tr:first-child").getAttribute("data-id");
            assertThat(admin.text("#invites tr[data-id='" + id + "'] td.invite-state")).isEqualTo("open");
            assertThat(admin.text("#invites tr[data-id='" + id + "'] td:nth-child(2)")).isEqualTo(root);
            admin.check("admin-invite-open");
            admin.press("Revoke invite " + id);
            assertThat(admin.url()).endsWith("/app/admin?inviteRevoked");
            assertThat(admin.text("#invite-revoked")).contains("no longer works");
            assertThat(admin.text("#invites tr[data-id='" + id + "'] td.invite-state")).isEqualTo("revoked");
            assertThat(admin.has("#invites tr[data-id='" + id + "'] button")).as("nothing left to revoke").isFalse();
            admin.check("admin-invite-revoked");
            assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'invite.revoked' AND subject = :s")
                    .param("s", "invite:" + id).query(Long.class).single()).isEqualTo(1);

            visitor.open(link.substring(link.indexOf("/app/")));
            assertThat(visitor.text("#signup-refused")).contains("withdrawn by the admin");
            assertThat(visitor.has("#password")).isFalse();
            visitor.check("signup-invite-revoked");

            // Bad input (a forged option): a readable message, nothing changed.
            admin.chromium.driver.executeScript(
                    "document.querySelector('#mode option').value = '<script>alert(1)</script>'");
            new Select(admin.find("#mode")).selectByIndex(0);
            admin.press("Save sign-up mode");
            assertThat(admin.text("#registration-error")).contains("Nothing was changed");
            assertThat(admin.text("#registration-mode")).isEqualTo("open");
            assertThat(jdbc.sql("SELECT count(*) FROM registration_setting").query(Long.class).single()).isZero();

            // Closed, by the admin: this replica and the invite-only one refuse sign-up from the next page on.
            new Select(admin.find("#mode")).selectByValue("closed");
            admin.press("Save sign-up mode");
            assertThat(admin.text("#registration-saved")).contains("closed");
            assertThat(admin.text("#registration-mode")).isEqualTo("closed");
            assertThat(admin.text("#registration-source")).contains("set by an admin, " + root)
                    .contains("open");
            admin.check("admin-registration-closed");
            visitor.open("/app/signup");
            assertThat(visitor.text("#signup-refused")).contains("Sign-up is closed");
            try (Pages elsewhere = visitor.at("https://localhost:" + inviteOnly.port(), "visitor-b")) {
                elsewhere.open("/app/signup");
                assertThat(elsewhere.text("#signup-refused")).contains("Sign-up is closed");
                elsewhere.check("signup-closed-on-b");
            }

            // Back to the configuration: open again here.
            admin.press("Use the configured default (open)");
            assertThat(admin.text("#registration-mode")).isEqualTo("open");
            assertThat(admin.text("#registration-source")).contains("configured default");
            visitor.open("/app/signup");
            assertThat(visitor.has("#password")).isTrue();
        }
    }
}
