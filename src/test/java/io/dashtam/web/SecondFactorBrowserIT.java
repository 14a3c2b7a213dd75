package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestTotp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Two-step sign-in in real Chromium: set up from Settings (the QR code is an image drawn on the server, the secret
 * typed into a test authenticator), a wrong first code, the recovery codes shown once, sign-in asking for a code,
 * a recovery code instead, turning it off; then an access token made, used and revoked on the same Settings page.
 * axe-core on every new page.
 */
class SecondFactorBrowserIT extends IntegrationTest {

    /** The start of a fresh 30-second step, so a code typed now stays current for the rest of the test step. */
    private Instant stepStart() {
        clock.advance(Duration.ofSeconds(30 - clock.instant().getEpochSecond() % 30));
        return clock.instant();
    }

    @Test
    void enrolSignInWithACodeAndARecoveryCodeThenTurnItOff() {
        var user = newUser();
        try (Pages browser = new Pages("https://localhost:" + port, "totp")) {
            browser.signIn(user.email(), PASSWORD);
            assertThat(browser.h1()).isEqualTo("Dashboard");
            browser.open("/app/settings");
            assertThat(browser.text("#mfa-state")).startsWith("Off");
            browser.navigate(browser.find("#mfa-start"));

            assertThat(browser.h1()).isEqualTo("Set up two-step sign-in");
            assertThat(browser.url()).endsWith("/app/settings/mfa/totp");
            var qr = browser.find("#totp-qr");
            assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml;base64,");
            assertThat(((Number) browser.js("return document.getElementById('totp-qr').naturalWidth")).intValue())
                    .as("the QR image decodes and draws").isPositive();
            String secret = browser.text("#totp-secret");
            assertThat(secret.replace(" ", "")).matches("[A-Z2-7]{32}");
            assertThat(browser.source()).doesNotContain("<script>").doesNotContain(" style=");
            browser.check("setup");
            TestTotp app = new TestTotp(secret);

            browser.type("code", app.code(stepStart(), 4));
            browser.press("Turn on two-step sign-in");
            assertThat(browser.text(".error")).contains("not the current code");
            assertThat(browser.text("#totp-secret")).as("the same set-up, shown again").isEqualTo(secret);
            browser.check("setup-wrong-code");

            browser.type("code", app.code(clock.instant()));
            browser.press("Turn on two-step sign-in");
            assertThat(browser.h1()).isEqualTo("Your recovery codes");
            var codes = browser.all("#recovery-codes code");
            assertThat(codes).hasSize(10);
            String recovery = codes.get(0).getText();
            browser.check("recovery-codes");

            browser.open("/app/settings");
            assertThat(browser.text("#mfa-state")).startsWith("On since").contains("Recovery codes left: 10");
            browser.check("settings-on");
            browser.navigate(browser.find("#signout"));

            // Sign-in asks for the code after the password; the password is typed again, never echoed.
            browser.signIn(user.email(), PASSWORD);
            assertThat(browser.h1()).isEqualTo("Sign in");
            assertThat(browser.text(".error")).contains("Enter the code from your authenticator app");
            assertThat(browser.find("#password").getAttribute("value")).isEmpty();
            assertThat(browser.source()).doesNotContain(PASSWORD);
            browser.check("signin-code");
            browser.type("password", PASSWORD);
            browser.type("otp", app.code(clock.instant(), 4));
            browser.press("Sign in");
            assertThat(browser.text(".error")).contains("wrong, expired or already used");
            browser.type("password", PASSWORD);
            browser.type("otp", app.code(clock.instant(), 1));
            browser.press("Sign in");
            assertThat(browser.h1()).isEqualTo("Dashboard");
            browser.navigate(browser.find("#signout"));

            browser.signIn(user.email(), PASSWORD);
            browser.type("password", PASSWORD);
            browser.type("otp", recovery);
            browser.press("Sign in");
            assertThat(browser.h1()).isEqualTo("Dashboard");

            browser.open("/app/settings");
            assertThat(browser.text("#recovery-left")).isEqualTo("9");
            browser.type("mfa-password", PASSWORD);
            browser.type("mfa-code", recovery);
            browser.press("Turn off two-step sign-in");
            assertThat(browser.text("#mfa-error")).contains("Nothing was changed");
            browser.check("turn-off-refused");
            browser.type("mfa-password", PASSWORD);
            browser.type("mfa-code", app.code(stepStart(), 1));
            browser.press("Turn off two-step sign-in");
            assertThat(browser.text("#mfa-state")).startsWith("Off");

            // Access tokens on the same page: made (shown once), used by a script, listed with that use, revoked.
            browser.type("token-name", "Nightly export");
            browser.navigate(browser.find("#create-token"));
            String token = browser.find("#new-token-value").getAttribute("value");
            assertThat(token).startsWith("dashtam_pat_");
            browser.check("token-made");
            assertThat(api().as(token).get("/api/v1/users/me").status()).isEqualTo(200);
            browser.open("/app/settings");
            assertThat(browser.source()).doesNotContain(token);
            assertThat(browser.text("#tokens")).contains("Nightly export").contains("read").contains("127.0.0.1");
            browser.navigate(browser.find("#tokens button"));
            assertThat(browser.text("main")).contains("The token was revoked");
            assertThat(api().as(token).get("/api/v1/users/me").status()).isEqualTo(401);
            browser.type("token-name", " ");
            browser.navigate(browser.find("#create-token"));
            assertThat(browser.text("#token-error")).contains("No token was made");

            browser.navigate(browser.find("#signout"));
            browser.signIn(user.email(), PASSWORD);
            assertThat(browser.h1()).isEqualTo("Dashboard");
        }
    }
}
