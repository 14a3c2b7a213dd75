package io.dashtam.testing;

import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Base class for integration tests: an HTTPS client for the app, the database, the clock, and test users. */
@DashtamIT
public abstract class IntegrationTest {

    /** Meets the password policy; tests grep logs and tables for it, so keep it distinctive. */
    public static final String PASSWORD = "correct-Horse-battery-9";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected final MutableClock clock = TestEnvironment.CLOCK;

    @Autowired
    private io.dashtam.core.DatabaseNotifications databaseNotifications;

    /**
     * For tests that time what NOTIFY carries (e.g. "a revoked session's stream ends within 1 s"): the shared
     * context's LISTEN connection follows each test class's database, so a class's first test may start before it
     * has reconnected.
     */
    protected void awaitNotifications() {
        Notifications.awaitListening(databaseNotifications);
    }

    protected TestClient api() {
        return new TestClient("https://localhost:" + port, TestTls.instance().sslContext());
    }

    /** A registered, logged-in user with a client that sends its access token. */
    public record Caller(String userId, String email, String accessToken, String refreshToken, TestClient client) {
    }

    protected Caller newUser() {
        return newUser("user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    }

    protected Caller newUser(String email) {
        var registered = api().post("/api/v1/users", Map.of("email", email, "password", PASSWORD, "name", "Test User"));
        if (registered.status() != 202) {
            throw new AssertionError("registration failed: " + registered);
        }
        var login = api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        if (login.status() != 201) {
            throw new AssertionError("login failed: " + login);
        }
        String token = login.json().get("accessToken").asString();
        // Sign-up answers the same for every email (no id): the account says who it is once signed in.
        String id = api().as(token).get("/api/v1/users/me").json().get("id").asString();
        return new Caller(id, email, token, login.json().get("refreshToken").asString(), api().as(token));
    }
}
