package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for the users module's integration tests: logging in, reading mail from the outbox, an admin. */
abstract class UsersIntegrationTest extends IntegrationTest {

    static final String ADMIN_EMAIL = "admin@dashtam.test";
    private static final Pattern TOKEN = Pattern.compile("(?m)^ {4}([A-Za-z0-9_-]{43})$");

    TestClient.Response login(String email, String password) {
        return api().post("/api/v1/sessions", Map.of("email", email, "password", password));
    }

    Caller loginAs(Caller who, String password) {
        var response = login(who.email(), password);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String access = response.json().get("accessToken").asString();
        return new Caller(who.userId(), who.email(), access, response.json().get("refreshToken").asString(),
                api().as(access));
    }

    String sessionId(Caller caller) {
        var sessions = caller.client().get("/api/v1/sessions").json().get("sessions");
        for (var s : sessions) {
            if (s.get("current").asBoolean()) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no current session");
    }

    /** The token in the newest message to {@code email} whose subject contains {@code subjectPart}. */
    String mailedToken(String email, String subjectPart) {
        List<String> bodies = jdbc.sql("SELECT body FROM outbox WHERE lower(recipient) = lower(:r) AND subject LIKE :s "
                + "ORDER BY created_at DESC").param("r", email).param("s", "%" + subjectPart + "%")
                .query(String.class).list();
        assertThat(bodies).as("mail '%s' to %s", subjectPart, email).isNotEmpty();
        Matcher m = TOKEN.matcher(bodies.get(0));
        assertThat(m.find()).as("a token in the mail").isTrue();
        return m.group(1);
    }

    String verificationToken(String email) {
        return mailedToken(email, "Verify");
    }

    String resetToken(String email) {
        return mailedToken(email, "Reset");
    }

    /** The bootstrap admin: registered with the configured admin email, verified, logged in. */
    Caller admin() {
        var existing = jdbc.sql("SELECT count(*) FROM users WHERE email = :e").param("e", ADMIN_EMAIL)
                .query(Long.class).single();
        Caller registered = existing == 0 ? newUser(ADMIN_EMAIL) : null;
        if (registered != null) {
            var verified = api().post("/api/v1/email-verifications", Map.of("token", verificationToken(ADMIN_EMAIL)));
            assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        }
        var response = login(ADMIN_EMAIL, PASSWORD);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String access = response.json().get("accessToken").asString();
        String id = jdbc.sql("SELECT id::text FROM users WHERE email = :e").param("e", ADMIN_EMAIL)
                .query(String.class).single();
        return new Caller(id, ADMIN_EMAIL, access, response.json().get("refreshToken").asString(), api().as(access));
    }

    List<String> auditActions(String userId) {
        return jdbc.sql("SELECT action || ':' || outcome FROM audit_log WHERE user_id = CAST(:u AS uuid) ORDER BY id")
                .param("u", userId).query(String.class).list();
    }
}
