package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailVerificationIT extends UsersIntegrationTest {

    @Test
    void registrationMailsATokenThatVerifiesTheEmailOnce() {
        var user = newUser();
        assertThat(user.client().get("/api/v1/users/me").json().get("emailVerified").asBoolean()).isFalse();
        String token = verificationToken(user.email());
        assertThat(jdbc.sql("SELECT count(*) FROM user_tokens WHERE token_hash = sha256(convert_to(:t, 'UTF8'))")
                .param("t", token).query(Long.class).single()).as("stored as its SHA-256").isEqualTo(1);

        assertThat(api().post("/api/v1/email-verifications", Map.of("token", token)).status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").json().get("emailVerified").asBoolean()).isTrue();
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", token)).status()).isEqualTo(400);
        assertThat(auditActions(user.userId())).contains("email.verification_sent:success", "email.verified:success");
        assertThat(user.client().get("/api/v1/users/me").json().get("role").asString()).isEqualTo("user");
    }

    @Test
    void verificationTokensExpireAfter24Hours() {
        var user = newUser();
        String token = verificationToken(user.email());
        clock.advance(Duration.ofHours(24));
        var late = api().post("/api/v1/email-verifications", Map.of("token", token));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.contentType()).startsWith("application/problem+json");
    }

    @Test
    void resendVoidsTheOldTokenAndRefusesOnceVerified() {
        var user = newUser();
        String first = verificationToken(user.email());
        clock.advance(Duration.ofSeconds(1));
        assertThat(user.client().post("/api/v1/users/me/email-verification", Map.of()).status()).isEqualTo(202);
        String second = verificationToken(user.email());
        assertThat(second).isNotEqualTo(first);
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", first)).status()).isEqualTo(400);
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", second)).status()).isEqualTo(204);
        assertThat(user.client().post("/api/v1/users/me/email-verification", Map.of()).status()).isEqualTo(409);
        assertThat(api().post("/api/v1/users/me/email-verification", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void garbageTokensAreRefused() {
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", "nope")).status()).isEqualTo(400);
        assertThat(api().post("/api/v1/email-verifications", Map.of()).status()).isEqualTo(422);
    }

    /** Mail links start with the one public URL: unset here, so the port the app is bound to (not 8000). */
    @Test
    void mailLinksPointAtTheAppAsItIsReached() {
        var user = newUser();
        String body = jdbc.sql("SELECT body FROM outbox WHERE recipient = :r ORDER BY created_at DESC LIMIT 1")
                .param("r", user.email()).query(String.class).single();
        assertThat(body).contains("https://localhost:" + port + "/app/verify-email?token=")
                .doesNotContain("localhost:8000");
    }
}
