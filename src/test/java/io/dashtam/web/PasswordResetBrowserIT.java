package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Forgot/reset password in real Chromium: request on the page, the link from the dev outbox, a refused weak choice
 * that does not burn the link, the new password works and the old one does not, a reused link gets a readable
 * message. axe-core on every page.
 */
class PasswordResetBrowserIT extends IntegrationTest {

    private static final String NEW_PASSWORD = "fresh-Staple-lantern-42";

    @Test
    void forgottenPasswordIsResetFromTheMailedLinkOnce() {
        var user = newUser();
        try (Pages browser = new Pages("https://localhost:" + port, "reset")) {
            browser.open("/app/signin");
            browser.clickLink("Forgot your password?");
            assertThat(browser.h1()).isEqualTo("Forgot your password?");
            browser.check("forgot");
            browser.type("email", user.email());
            browser.press("Send reset link");
            assertThat(browser.text(".notice")).contains("reset link is on its way").contains("outbox");
            browser.check("forgot-sent");

            String link = Pages.mailedLink(jdbc, user.email(), "Reset");
            assertThat(link).startsWith("/app/reset-password?token=");
            browser.open(link);
            assertThat(browser.find("#token").getAttribute("value")).isNotBlank();
            browser.check("reset-form");

            browser.type("password", "short");
            browser.press("Reset password");
            assertThat(browser.text(".error")).contains("at least 12 characters");
            browser.check("reset-weak");

            browser.type("password", NEW_PASSWORD);
            browser.press("Reset password");
            assertThat(browser.url()).endsWith("/app/signin?reset");
            assertThat(browser.text(".notice")).contains("password was reset");
            browser.check("reset-done");

            browser.signIn(user.email(), PASSWORD);
            assertThat(browser.h1()).isEqualTo("Sign in");
            assertThat(browser.text(".error")).isEqualTo("Wrong email or password");
            browser.check("signin-old-password");
            browser.signIn(user.email(), NEW_PASSWORD);
            assertThat(browser.h1()).isEqualTo("Dashboard");
            assertThat(user.client().get("/api/v1/users/me").status()).as("the reset ended the API session too")
                    .isEqualTo(401);
            browser.navigate(browser.find("#signout"));

            browser.open(link);
            browser.type("password", "another-Fresh-lantern-43");
            browser.press("Reset password");
            assertThat(browser.text(".error")).isEqualTo("The reset token is invalid, expired or already used");
            assertThat(browser.h1()).isEqualTo("Choose a new password");
            browser.check("reset-reused");
            browser.signIn(user.email(), "another-Fresh-lantern-43");
            assertThat(browser.text(".error")).isEqualTo("Wrong email or password");
        }
    }
}
