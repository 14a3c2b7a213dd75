package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginLockoutIT extends UsersIntegrationTest {

    private static final String WRONG = "wrong-Password-42x";

    @Test
    void fiveConsecutiveFailuresLockTheAccountFor15Minutes() {
        var user = newUser();
        for (int i = 0; i < 5; i++) {
            var failed = login(user.email(), WRONG);
            assertThat(failed.status()).isEqualTo(401);
            assertThat(failed.contentType()).startsWith("application/problem+json");
        }
        var locked = login(user.email(), PASSWORD);
        assertThat(locked.status()).as("even the right password is refused while locked").isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(890L, 900L);
        assertThat(auditActions(user.userId())).contains("login:failure", "login.lockout:locked", "login:refused");

        clock.advance(Duration.ofMinutes(14));
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aSuccessResetsTheCount() {
        var user = newUser();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(login(user.email(), WRONG).status()).isEqualTo(401);
            }
            assertThat(login(user.email(), PASSWORD).status()).isEqualTo(201);
            // Next window of the per-account rate limit; the lockout count does not expire with time.
            clock.advance(Duration.ofMinutes(15));
        }
    }

    @Test
    void unknownEmailsLockExactlyLikeKnownOnesSoLockoutRevealsNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("nobody-here@example.org", WRONG).status()).isEqualTo(401);
        }
        assertThat(login("NOBODY-here@example.org", WRONG).status()).isEqualTo(429);
    }

    @Test
    void theLockIsPerAccount() {
        var victim = newUser();
        var bystander = newUser();
        for (int i = 0; i < 5; i++) {
            login(victim.email(), WRONG);
        }
        assertThat(login(victim.email(), PASSWORD).status()).isEqualTo(429);
        assertThat(login(bystander.email(), PASSWORD).status()).isEqualTo(201);
        // Sessions opened before the lock keep working: the lock is about guessing passwords.
        assertThat(victim.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }
}
