package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenRefreshIT extends UsersIntegrationTest {

    @Test
    void loginHandsOutA15MinuteJwtAndA30DayRefreshToken() {
        var user = newUser();
        var login = login(user.email(), PASSWORD);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isEqualTo(900);
        var accessExpires = java.time.Instant.parse(login.json().get("accessTokenExpiresAt").asString());
        var refreshExpires = java.time.Instant.parse(login.json().get("refreshTokenExpiresAt").asString());
        assertThat(Duration.between(accessExpires, refreshExpires)).isCloseTo(Duration.ofDays(30).minusMinutes(15),
                Duration.ofSeconds(5));
    }

    @Test
    void refreshRotatesWithinTheSameSessionAndTheOldTokenIsSpent() {
        var user = newUser();
        var first = api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String next = first.json().get("refreshToken").asString();
        assertThat(next).isNotEqualTo(user.refreshToken());
        assertThat(first.json().get("sessionId").asString()).isEqualTo(sessionId(user));
        assertThat(api().as(first.json().get("accessToken").asString()).get("/api/v1/users/me").status())
                .isEqualTo(200);

        var second = api().post("/api/v1/tokens", Map.of("refreshToken", next));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("sessionId").asString()).isEqualTo(first.json().get("sessionId").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE rotated_at IS NOT NULL").query(Long.class)
                .single()).isEqualTo(2);
        assertThat(auditActions(user.userId())).contains("token.refresh:success");
    }

    @Test
    void reusingARotatedTokenRevokesTheWholeSession() {
        var user = newUser();
        var rotated = api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        String liveRefresh = rotated.json().get("refreshToken").asString();
        String liveAccess = rotated.json().get("accessToken").asString();

        var replay = api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.contentType()).startsWith("application/problem+json");

        // The thief's copy and the owner's current pair are both dead: the session is gone.
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", liveRefresh)).status()).isEqualTo(401);
        assertThat(api().as(liveAccess).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(auditActions(user.userId())).contains("token.reuse_detected:session_revoked");
        assertThat(jdbc.sql("SELECT revoked_reason FROM user_sessions WHERE user_id = CAST(:u AS uuid)")
                .param("u", user.userId()).query(String.class).single()).isEqualTo("refresh token reuse");
    }

    @Test
    void otherSessionsSurviveAReuseInOneSession() {
        var user = newUser();
        var other = loginAs(user, PASSWORD);
        api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void twoRacingUsesOfOneTokenRotateOnceAndCountAsReuse() throws Exception {
        var user = newUser();
        var body = Map.of("refreshToken", user.refreshToken());
        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> api().post("/api/v1/tokens", body));
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> api().post("/api/v1/tokens", body));
        var statuses = java.util.List.of(first.get().status(), second.get().status());
        assertThat(statuses).containsExactlyInAnyOrder(200, 401);
        assertThat(auditActions(user.userId())).contains("token.reuse_detected:session_revoked");
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
    }

    @Test
    void refreshTokensExpireAfter30Days() {
        var user = newUser();
        clock.advance(Duration.ofDays(29));
        var refreshed = api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        assertThat(refreshed.status()).isEqualTo(200);
        // The new token lives 30 days from its own issue.
        clock.advance(Duration.ofDays(29));
        var again = api().post("/api/v1/tokens", Map.of("refreshToken", refreshed.json().get("refreshToken").asString()));
        assertThat(again.status()).isEqualTo(200);
        clock.advance(Duration.ofDays(30));
        var late = api().post("/api/v1/tokens", Map.of("refreshToken", again.json().get("refreshToken").asString()));
        assertThat(late.status()).isEqualTo(401);
    }

    @Test
    void unknownOrMissingRefreshTokens() {
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", "not-a-token")).status()).isEqualTo(401);
        var missing = api().post("/api/v1/tokens", Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("refreshToken");
        assertThat(api().send("POST", "/api/v1/tokens", "text/plain", "x", Map.of()).status()).isEqualTo(415);
    }
}
