package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokenIT extends IntegrationTest {

    @Test
    void registeredUserLogsInAndReadsItself() {
        var caller = newUser();
        var me = caller.client().get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(caller.email());
        assertThat(me.body()).doesNotContain("password");
    }

    @Test
    void shortOrCommonPasswordIs422NamingTheField() {
        var shortOne = api().post("/api/v1/users", Map.of("email", "s@example.org", "password", "short", "name", "S"));
        assertThat(shortOne.status()).isEqualTo(422);
        assertThat(shortOne.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        var common = api().post("/api/v1/users", Map.of("email", "c@example.org", "password", "Password1234",
                "name", "C"));
        assertThat(common.status()).isEqualTo(422);
        assertThat(common.body()).doesNotContain("Password1234");
    }

    @Test
    void expiredTamperedAndUnsignedTokensAre401() {
        var caller = newUser();
        String token = caller.accessToken();
        String[] parts = token.split("\\.");
        String none = b64("{\"alg\":\"none\",\"kid\":\"local1\"}") + "." + parts[1] + ".";
        String tampered = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"roles\":[\"user\"]", "\"roles\":[\"user\",\"admin\"]")) + "."
                + parts[2];
        for (String bad : new String[] {none, tampered, "garbage", token.substring(0, token.length() - 2) + "xx"}) {
            var response = api().as(bad).get("/api/v1/users/me");
            assertThat(response.status()).as(bad).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(caller.client().get("/api/v1/users/me").status()).isEqualTo(401);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
