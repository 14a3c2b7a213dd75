package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.SecondApplication;
import io.dashtam.testing.TestClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registration mode an admin sets ({@code /api/v1/admin/registration}), with two replicas on one database whose
 * configurations differ: A (the shared context) says {@code open}, B {@code invite-only}. A stored choice wins on
 * both at once, from the next sign-up on; a reset hands each back to its configuration.
 */
class RegistrationSettingAcrossInstancesIT extends UsersIntegrationTest {

    private static final String PATH = "/api/v1/admin/registration";
    private static SecondApplication b;

    @BeforeAll
    static void startB() {
        b = new SecondApplication("--dashtam.users.registration=invite-only");
    }

    @AfterAll
    static void stopB() {
        if (b != null) {
            b.close();
        }
    }

    @AfterEach
    void configuredModeAgain() {
        jdbc.sql("DELETE FROM registration_setting").update();
    }

    private static String email() {
        return "set-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static TestClient.Response signUp(TestClient client, String email) {
        return client.post("/api/v1/users", Map.of("email", email, "password", PASSWORD, "name", "Someone"));
    }

    private TestClient onB(Caller caller) {
        return b.api().as(caller.accessToken());
    }

    private void assertSetting(TestClient client, String mode, String source, String configured) {
        var view = client.get(PATH);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        assertThat(view.json().get("mode").asString()).isEqualTo(mode);
        assertThat(view.json().get("source").asString()).isEqualTo(source);
        assertThat(view.json().get("configured").asString()).isEqualTo(configured);
    }

    private long lastAuditId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM audit_log").query(Long.class).single();
    }

    private long stored() {
        return jdbc.sql("SELECT count(*) FROM registration_setting").query(Long.class).single();
    }

    @Test
    void anAdminsChoiceOnAIsHonouredByBFromItsNextSignUp() {
        var admin = admin();
        long mark = lastAuditId();
        assertSetting(admin.client(), "open", "configuration", "open");
        assertSetting(onB(admin), "invite-only", "configuration", "invite-only");
        assertThat(signUp(b.api(), email()).json().get("reason").asString()).isEqualTo("invite_required");

        var closed = admin.client().put(PATH, Map.of("mode", "closed"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("mode").asString()).isEqualTo("closed");
        assertThat(closed.json().get("changedBy").asString()).isEqualTo(ADMIN_EMAIL);
        assertSetting(onB(admin), "closed", "admin", "invite-only");
        String refused = email();
        assertThat(signUp(b.api(), refused).json().get("reason").asString()).isEqualTo("registration_closed");
        assertThat(signUp(api(), refused).json().get("reason").asString()).isEqualTo("registration_closed");
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = :e").param("e", refused).query(Long.class)
                .single()).isZero();
        // Closed means no invites either, on either replica.
        assertThat(onB(admin).post("/api/v1/admin/invites", Map.of()).status()).isEqualTo(409);
        var page = b.api().send(b.api().request("/app/signup").setHeader("Accept", "text/html").GET());
        assertThat(page.body()).contains("Sign-up is closed on this Dashtam").doesNotContain("name=\"password\"");

        // B's admin opens it: A and B both let a newcomer in, B although its configuration says invite-only.
        assertThat(onB(admin).put(PATH, Map.of("mode", "open")).status()).isEqualTo(200);
        assertThat(signUp(b.api(), email()).status()).isEqualTo(202);
        assertThat(signUp(api(), email()).status()).isEqualTo(202);
        assertThat(admin.client().get("/api/v1/admin/invites").json().get("registration").asString())
                .isEqualTo("open");

        // A reset hands each replica back to its own configuration.
        var reset = admin.client().delete(PATH);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("source").asString()).isEqualTo("configuration");
        assertThat(stored()).isZero();
        assertSetting(onB(admin), "invite-only", "configuration", "invite-only");
        assertThat(signUp(b.api(), email()).json().get("reason").asString()).isEqualTo("invite_required");
        assertThat(signUp(api(), email()).status()).isEqualTo(202);

        assertThat(jdbc.sql("""
                SELECT string_agg(action || ':' || (details->>'from') || '>' || (details->>'to'), ',' ORDER BY id)
                FROM audit_log WHERE action LIKE 'admin.registration_%' AND user_id = CAST(:u AS uuid)
                AND id > :mark""").param("u", admin.userId()).param("mark", mark).query(String.class).single())
                .isEqualTo(
                        "admin.registration_changed:open>closed,admin.registration_changed:closed>open,"
                                + "admin.registration_reset:open>open");
    }

    @Test
    void theFirstAccountOfAnEmptyInstallStillBecomesAdminWhenAnAdminClosedSignUp() {
        var admin = admin();
        assertThat(admin.client().put(PATH, Map.of("mode", "closed")).status()).isEqualTo(200);
        jdbc.sql("DELETE FROM users").update();
        assertThat(stored()).as("the choice outlives its admin's account").isEqualTo(1);
        String firstEmail = email();
        var first = signUp(b.api(), firstEmail);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(jdbc.sql("SELECT role FROM users WHERE email = :e").param("e", firstEmail).query(String.class)
                .single()).isEqualTo("admin");
        assertThat(signUp(api(), email()).json().get("reason").asString()).isEqualTo("registration_closed");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        var admin = admin();
        long mark = lastAuditId();
        assertThat(admin.client().put(PATH, Map.of("mode", "invite-only")).status()).isEqualTo(200);
        Map<String, Object> nullMode = new HashMap<>();
        nullMode.put("mode", null);
        List<Object> bodies = List.of(Map.of("mode", "bogus"), Map.of("mode", "OPEN"), Map.of("mode", " open"),
                Map.of("mode", "open\u0000"), Map.of("mode", "<script>alert(1)</script>"), Map.of("mode", 5),
                Map.of("mode", List.of("open")), Map.of("mode", Map.of("x", 1)), Map.of("mode", true), Map.of(),
                nullMode, Map.of("mode", "x".repeat(100_000)), "not json", "[]", "\"open\"");
        for (Object body : bodies) {
            for (TestClient client : List.of(admin.client(), onB(admin))) {
                var answer = client.put(PATH, body);
                String shown = body.toString().length() > 60 ? "a huge mode" : body.toString();
                assertThat(answer.status()).as("%s -> %s", shown, answer).isIn(400, 422);
                assertThat(answer.contentType()).as(shown).startsWith("application/problem+json");
                assertThat(answer.body()).as(shown).doesNotContain("Exception").doesNotContain("io.dashtam")
                        .doesNotContain("<script>");
            }
        }
        var wrongType = admin.client().send("PUT", PATH, "text/plain", "mode=closed", Map.of());
        assertThat(wrongType.status()).isBetween(400, 499);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertSetting(admin.client(), "invite-only", "admin", "open");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'admin.registration_changed' "
                + "AND id > :mark").param("mark", mark).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyAnAdminReadsOrChangesIt() {
        admin();
        var user = newUser();
        for (var answer : List.of(user.client().get(PATH), user.client().put(PATH, Map.of("mode", "closed")),
                user.client().delete(PATH), onB(user).put(PATH, Map.of("mode", "closed")))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(api().put(PATH, Map.of("mode", "closed")).status()).isEqualTo(401);
        assertThat(stored()).isZero();
        assertThat(signUp(api(), email()).status()).isEqualTo(202);
    }
}
