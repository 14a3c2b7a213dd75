package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordIT extends UsersIntegrationTest {

    private static final String NEW_PASSWORD = "brand-New-passphrase-77";

    private long outboxCount() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    @Test
    void resetRequestAnswers202WhetherOrNotTheAccountExists() {
        long before = outboxCount();
        var unknown = api().post("/api/v1/password-resets", Map.of("email", "ghost@example.org"));
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(outboxCount()).isEqualTo(before);
        var user = newUser();
        var known = api().post("/api/v1/password-resets", Map.of("email", user.email()));
        assertThat(known.status()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());
        assertThat(resetToken(user.email())).hasSize(43);
        assertThat(jdbc.sql("SELECT count(*) FROM user_tokens WHERE purpose = 'password_reset'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void resetSetsTheNewPasswordAndEndsEverySession() {
        var user = newUser();
        var other = loginAs(user, PASSWORD);
        api().post("/api/v1/password-resets", Map.of("email", user.email()));
        String token = resetToken(user.email());

        var weak = api().post("/api/v1/password-resets/confirm", Map.of("token", token, "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");

        var done = api().post("/api/v1/password-resets/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD));
        assertThat(done.status()).as("a weak attempt did not burn the token").isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(login(user.email(), NEW_PASSWORD).status()).isEqualTo(201);

        var again = api().post("/api/v1/password-resets/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD));
        assertThat(again.status()).as("single use").isEqualTo(400);
        assertThat(auditActions(user.userId())).contains("password.reset_requested:success", "password.reset:success");
    }

    @Test
    void resetTokensLiveOneHourAndANewRequestVoidsTheOldToken() {
        var user = newUser();
        api().post("/api/v1/password-resets", Map.of("email", user.email()));
        String first = resetToken(user.email());
        clock.advance(Duration.ofSeconds(1));
        api().post("/api/v1/password-resets", Map.of("email", user.email()));
        String second = resetToken(user.email());
        assertThat(second).isNotEqualTo(first);
        assertThat(api().post("/api/v1/password-resets/confirm", Map.of("token", first, "newPassword", NEW_PASSWORD))
                .status()).isEqualTo(400);
        clock.advance(Duration.ofMinutes(61));
        assertThat(api().post("/api/v1/password-resets/confirm", Map.of("token", second, "newPassword", NEW_PASSWORD))
                .status()).isEqualTo(400);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aVerificationTokenCannotResetAPassword() {
        var user = newUser();
        var response = api().post("/api/v1/password-resets/confirm",
                Map.of("token", verificationToken(user.email()), "newPassword", NEW_PASSWORD));
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void changePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        var user = newUser();
        var other = loginAs(user, PASSWORD);
        var wrong = user.client().put("/api/v1/users/me/password",
                Map.of("currentPassword", "not-my-Password-1", "newPassword", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("currentPassword");
        var common = user.client().put("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "password1234"));
        assertThat(common.status()).isEqualTo(422);
        assertThat(common.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");

        var changed = user.client().put("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").status()).as("this session stays").isEqualTo(200);
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(login(user.email(), NEW_PASSWORD).status()).isEqualTo(201);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(auditActions(user.userId())).contains("password.changed:failure", "password.changed:success");
        assertThat(api().put("/api/v1/users/me/password", Map.of("currentPassword", PASSWORD, "newPassword",
                NEW_PASSWORD)).status()).isEqualTo(401);
    }
}
