package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.testing.Notifications;
import io.dashtam.testing.Replica;
import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The revocation contract with two instances on one database: the revoking instance (A, the shared context)
 * refuses the session at once; instance B, which has the session in its liveness cache, within a second,
 * also after its listening connection was killed.
 */
class SessionRevocationAcrossInstancesIT extends UsersIntegrationTest {

    private static final Duration CONTRACT = Duration.ofSeconds(1);
    @RegisterExtension
    static final Replica b = new Replica();

    @Autowired
    DatabaseNotifications notifications;

    @BeforeEach
    void bothListening() {
        Notifications.awaitListening(notifications);
        b.awaitListening();
    }

    private TestClient onB(Caller caller) {
        return b.api().as(caller.accessToken());
    }

    /** The time B took to refuse the token, failing if it still accepts it after the contract's window. */
    private Duration refusedOnBWithin(Caller caller) {
        long start = System.nanoTime();
        long deadline = start + CONTRACT.toNanos();
        int status;
        do {
            status = onB(caller).get("/api/v1/users/me").status();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).as("B still accepts the revoked session after %s", CONTRACT).isEqualTo(401);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void logoutOnARefusedThereAtOnceAndOnBWithinASecond() {
        var user = newUser();
        var other = loginAs(user, PASSWORD);
        // B has read (and cached) both sessions.
        assertThat(onB(user).get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(onB(other).get("/api/v1/users/me").status()).isEqualTo(200);

        assertThat(user.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(refusedOnBWithin(user)).isLessThanOrEqualTo(CONTRACT);
        // Only that session ended.
        assertThat(onB(other).get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void passwordChangeOnBEndsTheOtherSessionsOnAAndB() {
        var user = newUser();
        var phone = loginAs(user, PASSWORD);
        assertThat(phone.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(onB(phone).get("/api/v1/users/me").status()).isEqualTo(200);

        var changed = onB(user).put("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "another-Horse-battery-7"));
        assertThat(changed.status()).isEqualTo(204);
        // B revoked: it refuses at once. A within the window. The session that changed it lives on.
        assertThat(onB(phone).get("/api/v1/users/me").status()).isEqualTo(401);
        long start = System.nanoTime();
        int status;
        do {
            status = phone.client().get("/api/v1/users/me").status();
        } while (status == 200 && System.nanoTime() - start < CONTRACT.toNanos());
        assertThat(status).isEqualTo(401);
        assertThat(onB(user).get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void afterTheListeningConnectionsAreKilledRevocationStillReachesB() {
        var user = newUser();
        assertThat(onB(user).get("/api/v1/users/me").status()).isEqualTo(200);
        int killed = jdbc.sql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'dashtam-listener'""")
                .query(Integer.class).single();
        assertThat(killed).isGreaterThanOrEqualTo(2);

        assertThat(user.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);
        assertThat(refusedOnBWithin(user)).isLessThanOrEqualTo(CONTRACT);
        // and B listens again: a later revocation is heard too
        b.awaitListening();
        var again = newUser();
        assertThat(onB(again).get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(again.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);
        assertThat(refusedOnBWithin(again)).isLessThanOrEqualTo(CONTRACT);
    }
}
