package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminIT extends UsersIntegrationTest {

    @Test
    void theConfiguredAdminEmailBecomesAdminOnlyOnceVerified() {
        var registered = newUser("Root@dashtam.test");
        assertThat(registered.client().get("/api/v1/users/me").json().get("role").asString()).isEqualTo("user");
        assertThat(registered.client().get("/api/v1/admin/users").status()).isEqualTo(403);

        assertThat(api().post("/api/v1/email-verifications", Map.of("token", verificationToken("Root@dashtam.test")))
                .status()).isEqualTo(204);
        var admin = loginAs(registered, PASSWORD);
        assertThat(admin.client().get("/api/v1/users/me").json().get("role").asString()).isEqualTo("admin");
        assertThat(admin.client().get("/api/v1/admin/users").status()).isEqualTo(200);
        // A refresh of the pre-verification session picks up the new role too.
        var refreshed = api().post("/api/v1/tokens", Map.of("refreshToken", registered.refreshToken()));
        assertThat(api().as(refreshed.json().get("accessToken").asString()).get("/api/v1/admin/users").status())
                .isEqualTo(200);
        assertThat(auditActions(admin.userId())).contains("user.promoted_admin:success");
    }

    @Test
    void aVerifiedOrdinaryUserStaysAUser() {
        var user = newUser();
        api().post("/api/v1/email-verifications", Map.of("token", verificationToken(user.email())));
        var again = loginAs(user, PASSWORD);
        assertThat(again.client().get("/api/v1/admin/users").status()).isEqualTo(403);
    }

    @Test
    void adminListsUsers() {
        var admin = admin();
        var user = newUser();
        var page = admin.client().get("/api/v1/admin/users?limit=50");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(user.email()).contains(ADMIN_EMAIL).doesNotContain("password")
                .doesNotContain("$argon2");
        assertThat(admin.client().get("/api/v1/admin/users?limit=0").status()).isEqualTo(422);
        assertThat(auditActions(admin.userId())).contains("admin.users_listed:success");
    }

    @Test
    void disablingAUserEndsTheirSessionsAndRefusesLogin() {
        var admin = admin();
        var user = newUser();
        var disabled = admin.client().post("/api/v1/admin/users/" + user.userId() + "/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asString()).isEqualTo("disabled");
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(401);
        var refused = login(user.email(), PASSWORD);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(admin.client().post("/api/v1/admin/users/" + user.userId() + "/disable", Map.of()).status())
                .isEqualTo(409);

        assertThat(admin.client().post("/api/v1/admin/users/" + user.userId() + "/enable", Map.of()).status())
                .isEqualTo(200);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(201);
        assertThat(auditActions(admin.userId())).contains("admin.user_disabled:success", "admin.user_enabled:success");
        assertThat(auditActions(user.userId())).contains("login:refused");
    }

    @Test
    void adminEndsAllOfAUsersSessions() {
        var admin = admin();
        var user = newUser();
        var second = loginAs(user, PASSWORD);
        assertThat(admin.client().delete("/api/v1/admin/users/" + user.userId() + "/sessions").status())
                .isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(second.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).as("they may log in again").isEqualTo(201);
        assertThat(admin.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(auditActions(admin.userId())).contains("admin.sessions_ended:success");
    }

    @Test
    void unknownTargetsAndSelfDisable() {
        var admin = admin();
        assertThat(admin.client().post("/api/v1/admin/users/" + UUID.randomUUID() + "/disable", Map.of()).status())
                .isEqualTo(404);
        assertThat(admin.client().delete("/api/v1/admin/users/not-a-uuid/sessions").status()).isEqualTo(404);
        assertThat(admin.client().post("/api/v1/admin/users/" + admin.userId() + "/disable", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void ordinaryUsersGet403OnEveryAdminEndpoint() {
        var user = newUser();
        var victim = newUser();
        for (var response : new io.dashtam.testing.TestClient.Response[] {
                user.client().get("/api/v1/admin/users"),
                user.client().post("/api/v1/admin/users/" + victim.userId() + "/disable", Map.of()),
                user.client().post("/api/v1/admin/users/" + victim.userId() + "/enable", Map.of()),
                user.client().delete("/api/v1/admin/users/" + victim.userId() + "/sessions")}) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(victim.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(api().get("/api/v1/admin/users").status()).isEqualTo(401);
    }
}
