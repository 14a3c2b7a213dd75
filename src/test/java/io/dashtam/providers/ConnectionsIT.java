package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConnectionsIT extends IntegrationTest {

    @Test
    void registryListsSchwabSandboxAndFileImport() {
        var response = newUser().client().get("/api/v1/providers");
        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        response.json().forEach(p -> byKey.put(p.get("key").asString(), p));
        assertThat(byKey).containsKeys("schwab", "sandbox", "file");
        assertThat(byKey.get("schwab").get("category").asString()).isEqualTo("brokerage");
        assertThat(byKey.get("schwab").get("authKind").asString()).isEqualTo("oauth2");
        assertThat(byKey.get("schwab").get("configured").asBoolean()).isTrue();
        assertThat(byKey.get("sandbox").get("authKind").asString()).isEqualTo("oauth2");
        assertThat(byKey.get("file").get("category").asString()).isEqualTo("file");
        assertThat(byKey.get("file").get("authKind").asString()).isEqualTo("none");
        assertThat(byKey.get("file").get("features").toString()).contains("import");
    }

    @Test
    void registryNeedsALogin() {
        assertThat(api().get("/api/v1/providers").status()).isEqualTo(401);
    }

    @Test
    void createListGetRenameDelete() {
        var user = newUser();
        var created = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "My Schwab"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("status").asString()).isEqualTo("pending");
        assertThat(created.json().get("category").asString()).isEqualTo("brokerage");

        var list = user.client().get("/api/v1/connections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.json().get(0).get("alias").asString()).isEqualTo("My Schwab");

        var renamed = user.client().patch("/api/v1/connections/" + id, Map.of("alias", "  Retirement  "));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("alias").asString()).isEqualTo("Retirement");
        assertThat(user.client().get("/api/v1/connections/" + id).json().get("alias").asString())
                .isEqualTo("Retirement");

        assertThat(user.client().delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(countFor(user)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'provider.connection.deleted' AND subject = :s")
                .param("s", "connection:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void severalOfTheSameTypeWithUniqueAliasesIgnoringCase() {
        var user = newUser();
        assertThat(user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "IRA")).status())
                .isEqualTo(201);
        String second = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "Joint"))
                .json().get("id").asString();
        var duplicate = user.client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "ira"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(user.client().patch("/api/v1/connections/" + second, Map.of("alias", "IRA")).status())
                .isEqualTo(409);
        // another user may reuse the alias
        assertThat(newUser().client().post("/api/v1/connections", Map.of("provider", "schwab", "alias", "IRA"))
                .status()).isEqualTo(201);
    }

    @Test
    void fileConnectionIsActiveAtOnce() {
        var user = newUser();
        var created = user.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Bank CSV"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("active");
        assertThat(created.json().get("category").asString()).isEqualTo("file");
    }

    @Test
    void badInputIsA4xxProblem() {
        var user = newUser();
        var unknown = user.client().post("/api/v1/connections", Map.of("provider", "nope", "alias", "x"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("provider");
        assertThat(user.client().post("/api/v1/connections", Map.of("provider", "file", "alias", " ")).status())
                .isEqualTo(422);
        assertThat(user.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "a\u0007b"))
                .status()).isEqualTo(422);
        assertThat(user.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "x".repeat(101)))
                .status()).isEqualTo(422);
        assertThat(user.client().get("/api/v1/connections/not-a-uuid").status()).isEqualTo(404);
        assertThat(user.client().get("/api/v1/connections/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(countFor(user)).isZero();
    }

    @Test
    void anotherUsersConnectionIsNotFound() {
        var owner = newUser();
        String id = owner.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Mine"))
                .json().get("id").asString();
        var other = newUser();
        assertThat(other.client().get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(other.client().patch("/api/v1/connections/" + id, Map.of("alias", "Stolen")).status())
                .isEqualTo(404);
        assertThat(other.client().delete("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(other.client().get("/api/v1/connections").json().size()).isZero();
        assertThat(owner.client().get("/api/v1/connections/" + id).json().get("alias").asString()).isEqualTo("Mine");
    }

    @Test
    void deletingTheUserDeletesTheirConnections() {
        var owner = newUser();
        owner.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Mine"));
        assertThat(countFor(owner)).isEqualTo(1);
        jdbc.sql("DELETE FROM users WHERE id = :id").param("id", UUID.fromString(owner.userId())).update();
        assertThat(countFor(owner)).isZero();
    }

    private long countFor(Caller user) {
        return jdbc.sql("SELECT count(*) FROM provider_connections WHERE user_id = :u")
                .param("u", UUID.fromString(user.userId())).query(Long.class).single();
    }
}
