package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionsIT extends UsersIntegrationTest {

    private static List<String> ids(io.dashtam.testing.TestClient.Response response) {
        List<String> ids = new ArrayList<>();
        response.json().get("sessions").forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }

    @Test
    void listShowsOwnLiveSessionsAndMarksTheCurrentOne() {
        var user = newUser();
        var laptop = loginAs(user, PASSWORD);
        var list = laptop.client().get("/api/v1/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list)).hasSize(2);
        var current = new ArrayList<String>();
        list.json().get("sessions").forEach(s -> {
            if (s.get("current").asBoolean()) {
                current.add(s.get("id").asString());
            }
            assertThat(s.get("ip").asString()).isEqualTo("127.0.0.1");
        });
        assertThat(current).containsExactly(sessionId(laptop));
        assertThat(list.body()).doesNotContain(user.refreshToken()).doesNotContain(laptop.accessToken());
    }

    @Test
    void endingAnotherOwnSessionStopsItsTokensAtOnce() {
        var user = newUser();
        var phone = loginAs(user, PASSWORD);
        var ended = user.client().delete("/api/v1/sessions/" + sessionId(phone));
        assertThat(ended.status()).isEqualTo(204);
        assertThat(phone.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", phone.refreshToken())).status()).isEqualTo(401);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(ids(user.client().get("/api/v1/sessions"))).hasSize(1);
        assertThat(user.client().delete("/api/v1/sessions/" + sessionId(user)).status()).isEqualTo(204);
        assertThat(auditActions(user.userId())).contains("session.revoked:success");
    }

    @Test
    void anotherUsersSessionIsNotFoundAndSurvives() {
        var alice = newUser();
        var mallory = newUser();
        String aliceSession = sessionId(alice);
        var attempt = mallory.client().delete("/api/v1/sessions/" + aliceSession);
        assertThat(attempt.status()).isEqualTo(404);
        assertThat(attempt.contentType()).startsWith("application/problem+json");
        assertThat(alice.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(mallory.client().delete("/api/v1/sessions/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(mallory.client().delete("/api/v1/sessions/not-a-uuid").status()).isEqualTo(404);
    }

    @Test
    void logoutEndsOnlyTheCurrentSession() {
        var user = newUser();
        var other = loginAs(user, PASSWORD);
        assertThat(user.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken())).status()).isEqualTo(401);
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(auditActions(user.userId())).contains("logout:success");
    }

    @Test
    void logoutEverywhereEndsEverySession() {
        var user = newUser();
        var a = loginAs(user, PASSWORD);
        var b = loginAs(user, PASSWORD);
        var bystander = newUser();
        assertThat(a.client().delete("/api/v1/sessions").status()).isEqualTo(204);
        for (var c : List.of(user, a, b)) {
            assertThat(c.client().get("/api/v1/users/me").status()).isEqualTo(401);
        }
        assertThat(bystander.client().get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(auditActions(user.userId())).contains("logout.all:success");
    }

    @Test
    void sessionEndpointsNeedAToken() {
        assertThat(api().get("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(api().delete("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(api().delete("/api/v1/sessions/current").status()).isEqualTo(401);
    }
}
