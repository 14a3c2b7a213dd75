package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The limits are tripped on purpose: the test reads the configured numbers (the suite's one context), sends
 * exactly that many attempts, and expects the next one to be refused with 429 and Retry-After.
 */
class RateLimitIT extends UsersIntegrationTest {

    @Autowired
    UsersProperties properties;

    @Test
    void passwordResetRequestsArePerIpLimited() {
        var limit = properties.rateLimit("password-reset");
        for (int i = 0; i < limit.perIp(); i++) {
            var ok = api().post("/api/v1/password-resets", Map.of("email", "someone" + i + "@example.org"));
            assertThat(ok.status()).as("attempt %d", i + 1).isEqualTo(202);
        }
        var refused = api().post("/api/v1/password-resets", Map.of("email", "another@example.org"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, limit.window().toSeconds());

        assertThat(api().post("/api/v1/password-resets", Map.of("email", "third@example.org")).status()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rate_limit.password-reset' AND subject = 'ip'")
                .query(Long.class).single()).as("audited once per window").isEqualTo(1);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(api().post("/api/v1/password-resets", Map.of("email", "another@example.org")).status())
                .as("a new window").isEqualTo(202);
    }

    @Test
    void passwordResetRequestsArePerAccountLimitedWhetherOrNotTheAccountExists() {
        var limit = properties.rateLimit("password-reset");
        var user = newUser();
        for (String email : new String[] {user.email(), "no-such-user@example.org"}) {
            for (int i = 0; i < limit.perAccount(); i++) {
                assertThat(api().post("/api/v1/password-resets", Map.of("email", email)).status()).isEqualTo(202);
            }
            var refused = api().post("/api/v1/password-resets", Map.of("email", email.toUpperCase()));
            assertThat(refused.status()).as(email).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
        }
        clock.advance(limit.window());
    }

    @Test
    void loginIsPerAccountLimitedEvenWithTheRightPassword() {
        var limit = properties.rateLimit("login");
        var user = newUser(); // newUser logged in once already
        for (int i = 1; i < limit.perAccount(); i++) {
            assertThat(login(user.email(), PASSWORD).status()).isEqualTo(201);
        }
        var refused = login(user.email(), PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(login(newUser().email(), PASSWORD).status()).as("other accounts are unaffected").isEqualTo(201);
    }

    @Test
    void theCountersLiveInPostgresSoEveryInstanceSharesThem() {
        var limit = properties.rateLimit("password-reset-confirm");
        for (int i = 0; i < limit.perIp(); i++) {
            api().post("/api/v1/password-resets/confirm", Map.of("token", "x" + i, "newPassword", "irrelevant-Pass-1"));
        }
        assertThat(api().post("/api/v1/password-resets/confirm", Map.of("token", "y", "newPassword",
                "irrelevant-Pass-1")).status()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT hits FROM rate_limit_counters WHERE bucket = 'password-reset-confirm|ip|127.0.0.1'")
                .query(Integer.class).single()).isEqualTo(limit.perIp() + 1);
        // Another instance would read the same rows: clearing them here lifts the limit everywhere.
        jdbc.sql("DELETE FROM rate_limit_counters").update();
        assertThat(api().post("/api/v1/password-resets/confirm", Map.of("token", "z", "newPassword",
                "irrelevant-Pass-1")).status()).isEqualTo(400);
    }
}
