package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Personal access tokens over HTTPS: made once (prefix, stored hashed), the JSON API only, read tokens refused on
 * writes, last use and new addresses recorded, revoked, expired, dead with a disabled account, and never managing
 * credentials; every refusal a problem+json and audited.
 */
class PersonalAccessTokenIT extends UsersIntegrationTest {

    private record Made(String id, String token) {
    }

    private Made make(Caller caller, String scope, Integer days) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "script " + scope, "scope", scope));
        if (days != null) {
            body.put("expiresInDays", days);
        }
        var created = caller.client().post("/api/v1/users/me/tokens", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Made(created.json().get("id").asString(), created.json().get("token").asString());
    }

    private TestClient with(Made token) {
        return api().as(token.token());
    }

    private long audited(String action, String outcome, String subject) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = :a AND outcome = :o AND subject = :s")
                .param("a", action).param("o", outcome).param("s", subject).query(Long.class).single();
    }

    @Test
    void aReadTokenReadsTheApiButNeverWritesAndIsStoredHashed() {
        Caller owner = newUser();
        Made read = make(owner, "read", 30);
        assertThat(read.token()).startsWith("dashtam_pat_").hasSize("dashtam_pat_".length() + 43);
        assertThat(jdbc.sql("SELECT count(*) FROM personal_access_tokens "
                + "WHERE position(:t in row_to_json(personal_access_tokens)::text) > 0")
                .param("t", read.token().substring(12)).query(Long.class).single()).isZero();

        var me = with(read).get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(owner.userId());
        assertThat(with(read).get("/api/v1/connections").status()).isEqualTo(200);
        var events = with(read).get("/api/v1/events?follow=false");
        assertThat(events.status()).as("the API's event stream takes a token too").isEqualTo(200);
        assertThat(events.contentType()).startsWith("text/event-stream");

        var write = with(read).post("/api/v1/connections", Map.of("provider", "file", "alias", "nope"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.json().get("detail").asString()).contains("may only read");
        assertThat(write.body()).doesNotContain(read.token());
        assertThat(owner.client().get("/api/v1/connections").json().toString()).doesNotContain("nope");
        assertThat(audited("pat.used", "refused", "pat:" + read.id())).isEqualTo(1);

        // Listed with its last use (once: the first use was from a new address, audited); the token never again.
        var list = owner.client().get("/api/v1/users/me/tokens");
        assertThat(list.body()).doesNotContain(read.token()).contains(read.id()).contains("\"lastUsedIp\":\"127.0.0.1\"");
        assertThat(audited("pat.used_new_ip", "success", "pat:" + read.id())).isEqualTo(1);
        assertThat(audited("pat.created", "success", "pat:" + read.id())).isEqualTo(1);
    }

    @Test
    void aTokenIsForTheJsonApiOnlyAndCannotManageCredentials() {
        Caller owner = newUser();
        Made write = make(owner, "write", null);
        var created = with(write).post("/api/v1/connections", Map.of("provider", "file", "alias", "By script"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        var page = with(write).send("GET", "/app", null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).as("pages take only the session cookie").isEqualTo(303);
        assertThat(page.header("Location")).endsWith("/app/signin");

        for (var call : java.util.List.of(
                with(write).post("/api/v1/users/me/tokens", Map.of("name", "more", "scope", "write")),
                with(write).send("DELETE", "/api/v1/users/me/tokens/" + write.id(), null, null, Map.of()),
                with(write).put("/api/v1/users/me/password", Map.of("currentPassword", PASSWORD, "newPassword",
                        "another-Horse-battery-10")),
                with(write).post("/api/v1/users/me/mfa/totp", Map.of()))) {
            assertThat(call.status()).as(call.toString()).isEqualTo(403);
            assertThat(call.contentType()).startsWith("application/problem+json");
        }
        assertThat(owner.client().get("/api/v1/users/me/tokens").json().get("tokens")).hasSize(1);
        assertThat(login(owner.email(), PASSWORD).status()).as("the password did not change").isEqualTo(201);
    }

    @Test
    void revokedExpiredAndDisabledTokensAre401AndAudited() {
        Caller owner = newUser();
        Made revoked = make(owner, "read", 1);
        Made expiring = make(owner, "read", 1);
        Made survivor = make(owner, "write", 30);
        assertThat(owner.client().delete("/api/v1/users/me/tokens/" + revoked.id()).status()).isEqualTo(204);
        assertThat(owner.client().delete("/api/v1/users/me/tokens/" + revoked.id()).status()).isEqualTo(404);
        var refused = with(revoked).get("/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(audited("pat.revoked", "success", "pat:" + revoked.id())).isEqualTo(1);
        assertThat(audited("pat.used", "refused", "pat:" + revoked.id())).isEqualTo(1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(with(expiring).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE subject = :s AND details->>'reason' = 'expired'")
                .param("s", "pat:" + expiring.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(with(new Made("x", "dashtam_pat_" + "A".repeat(43))).get("/api/v1/users/me").status())
                .isEqualTo(401);

        // A password change keeps tokens unless asked; disabling the account revokes them all.
        Caller fresh = loginAs(owner, PASSWORD);
        assertThat(fresh.client().put("/api/v1/users/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", PASSWORD)).status()).isEqualTo(204);
        assertThat(with(survivor).get("/api/v1/users/me").status()).isEqualTo(200);
        Caller admin = admin();
        assertThat(admin.client().post("/api/v1/admin/users/" + owner.userId() + "/disable", Map.of()).status())
                .isEqualTo(200);
        assertThat(with(survivor).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(admin.client().post("/api/v1/admin/users/" + owner.userId() + "/enable", Map.of()).status())
                .isEqualTo(200);
        assertThat(with(survivor).get("/api/v1/users/me").status()).as("revoked, not suspended").isEqualTo(401);
    }

    @Test
    void aPasswordChangeRevokesTokensWhenAskedAndBadRequestsChangeNothing() {
        Caller owner = newUser();
        Made token = make(owner, "write", 7);
        for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
                Map.of("name", "", "scope", "read"), Map.of("name", "x", "scope", "admin"),
                Map.of("name", "x", "scope", "read", "expiresInDays", 0),
                Map.of("name", "x", "scope", "read", "expiresInDays", 367),
                Map.of("name", "x".repeat(101), "scope", "read"), Map.of("scope", "read"))) {
            var response = owner.client().post("/api/v1/users/me/tokens", bad);
            assertThat(response.status()).as(bad.toString()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(owner.client().get("/api/v1/users/me/tokens").json().get("tokens")).hasSize(1);
        assertThat(owner.client().put("/api/v1/users/me/password", Map.of("currentPassword", PASSWORD,
                "newPassword", PASSWORD, "revokeAccessTokens", true)).status()).isEqualTo(204);
        assertThat(with(token).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(owner.client().get("/api/v1/users/me/tokens").json().get("tokens")).isEmpty();
    }
}
