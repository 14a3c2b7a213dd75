package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Revoking an invite over HTTPS: listed with who made it, {@code DELETE /api/v1/admin/invites/{id}} takes an open one
 * back (204, audited), and its link is refused from then on, by the API and on the sign-up page, like an expired one.
 * Anything that is not an open invite is a 404 problem; a non-admin a 403 problem; nothing changes either way.
 */
class InviteRevocationIT extends UsersIntegrationTest {

    @AfterEach
    void configuredModeAndTimeAgain() {
        jdbc.sql("DELETE FROM registration_setting").update();
        clock.reset();
    }

    /** The invite as the admin's list shows it. */
    private static tools.jackson.databind.JsonNode listed(Caller admin, String id) {
        var page = admin.client().get("/api/v1/admin/invites");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        for (var invite : page.json().get("invites")) {
            if (invite.get("id").asString().equals(id)) {
                return invite;
            }
        }
        throw new AssertionError("invite " + id + " not listed: " + page.body());
    }

    private static String email() {
        return "inv-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private record Created(String id, String token) {
    }

    private static Created invite(Caller admin) {
        var created = admin.client().post("/api/v1/admin/invites", Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Created(created.json().get("id").asString(), created.json().get("token").asString());
    }

    private TestClient.Response signUp(String email, String token) {
        return api().post("/api/v1/users", Map.of("email", email, "password", PASSWORD, "name", "Invited",
                "inviteToken", token));
    }

    private String storedState(String id) {
        return jdbc.sql("""
                SELECT CASE WHEN used_at IS NOT NULL THEN 'used' WHEN revoked_at IS NOT NULL THEN 'revoked'
                ELSE 'open' END FROM user_invites WHERE id = CAST(:id AS uuid)""")
                .param("id", id).query(String.class).single();
    }

    private long accounts(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE email = :e").param("e", email).query(Long.class).single();
    }

    private static void assertProblem(TestClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("io.dashtam");
    }

    @Test
    void aRevokedInviteIsListedAndItsLinkNoLongerRegisters() {
        var admin = admin();
        Created invite = invite(admin);
        var listed = listed(admin, invite.id());
        assertThat(listed.get("state").asString()).isEqualTo("open");
        assertThat(listed.get("createdBy").asString()).isEqualTo(admin.userId());
        assertThat(listed.get("createdByEmail").asString()).isEqualTo(ADMIN_EMAIL);

        var revoked = admin.client().delete("/api/v1/admin/invites/" + invite.id());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(storedState(invite.id())).isEqualTo("revoked");
        var after = listed(admin, invite.id());
        assertThat(after.get("state").asString()).isEqualTo("revoked");
        assertThat(after.get("revokedBy").asString()).isEqualTo(admin.userId());
        assertThat(after.get("revokedAt").isNull()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'invite.revoked' AND user_id = "
                + "CAST(:u AS uuid) AND subject = 'invite:' || :i").param("u", admin.userId()).param("i", invite.id())
                .query(Long.class).single()).isEqualTo(1);

        // Open sign-up still checks a given invite: the revoked link is refused, nothing stored, audited.
        String email = email();
        var refused = signUp(email, invite.token());
        assertProblem(refused, 403);
        assertThat(refused.json().get("reason").asString()).isEqualTo("invite_revoked");
        assertThat(refused.json().get("detail").asString()).contains("withdrawn");
        assertThat(accounts(email)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'user.registration_refused' "
                + "AND details->>'reason' = 'invite_revoked'").query(Long.class).single()).isPositive();

        // Invite-only (the admin's choice, stored): the revoked link stays refused, a fresh one works once.
        assertThat(admin.client().put("/api/v1/admin/registration", Map.of("mode", "invite-only")).status())
                .isEqualTo(200);
        assertThat(signUp(email, invite.token()).json().get("reason").asString()).isEqualTo("invite_revoked");
        Created fresh = invite(admin);
        assertThat(signUp(email, fresh.token()).status()).isEqualTo(202);
        assertThat(storedState(invite.id())).isEqualTo("revoked");

        // The sign-up page gives the same readable refusal as for an expired link, and no form.
        var page = api().send(api().request("/app/signup?invite=" + invite.token()).setHeader("Accept", "text/html")
                .GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"signup-refused\"").contains("withdrawn by the admin")
                .doesNotContain("name=\"password\"");
    }

    @Test
    void onlyAnOpenInviteCanBeRevoked() {
        var admin = admin();
        Created used = invite(admin);
        assertThat(signUp(email(), used.token()).status()).isEqualTo(202);
        Created revoked = invite(admin);
        assertThat(admin.client().delete("/api/v1/admin/invites/" + revoked.id()).status()).isEqualTo(204);
        Created expired = invite(admin);
        clock.advance(Duration.ofDays(8));
        admin = admin(); // a week on, the admin's access token has expired: sign in again

        String[] notOpen = {used.id(), revoked.id(), expired.id(), UUID.randomUUID().toString(), admin.userId(),
            "not-a-uuid", "%00", "x".repeat(2_000)};
        for (String id : notOpen) {
            var answer = admin.client().delete("/api/v1/admin/invites/" + id);
            assertThat(answer.status()).as("%s -> %s", id.length() > 40 ? "a huge id" : id, answer)
                    .isBetween(400, 404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("io.dashtam");
        }
        for (String id : new String[] {used.id(), revoked.id(), expired.id(), UUID.randomUUID().toString(),
            admin.userId(), "not-a-uuid"}) {
            assertProblem(admin.client().delete("/api/v1/admin/invites/" + id), 404);
        }
        assertThat(storedState(used.id())).isEqualTo("used");
        assertThat(storedState(revoked.id())).isEqualTo("revoked");
        assertThat(storedState(expired.id())).as("an expired invite stays unrevoked").isEqualTo("open");
        assertThat(jdbc.sql("SELECT subject FROM audit_log WHERE action = 'invite.revoked' AND subject IN "
                + "(:ids)").param("ids", List.of("invite:" + used.id(), "invite:" + revoked.id(),
                        "invite:" + expired.id())).query(String.class).list())
                .containsExactly("invite:" + revoked.id());
    }

    @Test
    void aNonAdminCannotListOrRevokeInvites() {
        var admin = admin();
        Created invite = invite(admin);
        var user = newUser();
        assertProblem(user.client().delete("/api/v1/admin/invites/" + invite.id()), 403);
        assertProblem(user.client().get("/api/v1/admin/invites"), 403);
        assertProblem(api().delete("/api/v1/admin/invites/" + invite.id()), 401);
        assertThat(storedState(invite.id())).isEqualTo("open");
        assertThat(signUp(email(), invite.token()).status()).as("still good").isEqualTo(202);
    }

    @Test
    void theOpenApiDocumentDescribesRevokeAndTheRegistrationSetting() {
        var paths = api().get("/docs/openapi").json().get("paths");
        assertThat(paths.get("/api/v1/admin/invites/{id}").propertyNames()).contains("delete");
        assertThat(paths.get("/api/v1/admin/registration").propertyNames()).contains("get", "put", "delete");
    }
}
