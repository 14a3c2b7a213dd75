package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.LogCapture;
import io.dashtam.testing.TestClient;
import io.dashtam.testing.TestTotp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TOTP with recovery codes over the API: enrolment (secret sealed, codes hashed), sign-in with a code (no replay,
 * ±1 step, wrong codes count toward the lockout), recovery codes good once, turning it off, an admin's reset and
 * unlock, and the second-factor secrets in no log line, response or table in clear.
 */
class SecondFactorIT extends UsersIntegrationTest {

    private record Enrolled(Caller caller, TestTotp app, List<String> recoveryCodes, String secret) {
    }

    /** Moves the clock to the start of a 30-second step, so a test has the whole step before the code changes. */
    private Instant stepStart() {
        long into = clock.instant().getEpochSecond() % 30;
        clock.advance(Duration.ofSeconds(30 - into));
        return clock.instant();
    }

    private Enrolled enrolled() {
        Caller caller = newUser();
        var started = caller.client().post("/api/v1/users/me/mfa/totp", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        String secret = started.json().get("secret").asString();
        TestTotp app = new TestTotp(secret);
        var confirmed = caller.client().post("/api/v1/users/me/mfa/totp/confirm",
                Map.of("code", app.code(stepStart())));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(c -> codes.add(c.asString()));
        return new Enrolled(caller, app, codes, secret);
    }

    private TestClient.Response login(String email, String password, String otp) {
        Map<String, String> body = new HashMap<>(Map.of("email", email, "password", password));
        if (otp != null) {
            body.put("otp", otp);
        }
        return api().post("/api/v1/sessions", body);
    }

    private long audited(String userId, String action, String outcome) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE user_id = CAST(:u AS uuid) AND action = :a AND outcome = :o")
                .param("u", userId).param("a", action).param("o", outcome).query(Long.class).single();
    }

    @Test
    void enrolmentShowsTheSecretOnceSealedAndConfirmsWithTheFirstCode() {
        Caller caller = newUser();
        var started = caller.client().post("/api/v1/users/me/mfa/totp", Map.of());
        assertThat(started.status()).isEqualTo(200);
        String secret = started.json().get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(started.json().get("otpauthUri").asString()).startsWith("otpauth://totp/Dashtam:")
                .contains("secret=" + secret).contains("issuer=Dashtam").contains("period=30").contains("digits=6");
        // Sealed with a key id; neither the secret nor its bytes are in the row.
        var row = jdbc.sql("SELECT key_id, encode(sealed, 'hex') AS sealed, confirmed_at FROM user_totp "
                + "WHERE user_id = CAST(:u AS uuid)").param("u", caller.userId()).query().singleRow();
        assertThat(row.get("key_id")).isNotNull();
        assertThat(row.get("confirmed_at")).as("not on before its first code").isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM user_totp WHERE position(:s in row_to_json(user_totp)::text) > 0")
                .param("s", secret).query(Long.class).single()).isZero();
        assertThat(caller.client().get("/api/v1/users/me/mfa").json().get("totpEnabled").asBoolean()).isFalse();
        assertThat(login(caller.email(), PASSWORD, null).status()).as("pending set-up asks nothing yet")
                .isEqualTo(201);

        TestTotp app = new TestTotp(secret);
        Instant now = stepStart();
        for (String wrong : List.of(app.code(now, 3), "12345", "abcdef", "")) {
            var refused = caller.client().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", wrong));
            assertThat(refused.status()).as(wrong).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
        }
        assertThat(caller.client().get("/api/v1/users/me/mfa").json().get("totpEnabled").asBoolean()).isFalse();
        assertThat(audited(caller.userId(), "mfa.totp_enabled", "failure")).isPositive();

        var confirmed = caller.client().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", app.code(now)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(c -> codes.add(c.asString()));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        for (String code : codes) {
            assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_codes "
                    + "WHERE position(:c in row_to_json(user_recovery_codes)::text) > 0")
                    .param("c", code.replace("-", "")).query(Long.class).single()).as("stored hashed").isZero();
        }
        var status = caller.client().get("/api/v1/users/me/mfa").json();
        assertThat(status.get("totpEnabled").asBoolean()).isTrue();
        assertThat(status.get("recoveryCodesLeft").asInt()).isEqualTo(10);
        assertThat(audited(caller.userId(), "mfa.totp_enabled", "success")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE recipient = :r AND subject = 'Two-step sign-in is on'")
                .param("r", caller.email()).query(Long.class).single()).isEqualTo(1);

        // On: a second set-up is refused until it is turned off; the secret stays as it was.
        var again = caller.client().post("/api/v1/users/me/mfa/totp", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).doesNotContain(secret);
    }

    @Test
    void signInNeedsACurrentCodeOnceAndNoReplay() {
        Enrolled user = enrolled();
        String email = user.caller().email();
        var missing = login(email, PASSWORD, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("type").asString()).endsWith("mfa-required");
        assertThat(missing.body()).doesNotContain("accessToken").doesNotContain(PASSWORD);
        var wrongPassword = login(email, "wrong-Password-42x", null);
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).as("a wrong password says only that").doesNotContain("mfa");

        // The enrolment used this step's code: the next step's is good once, then never again.
        Instant now = clock.instant();
        String code = user.app().code(now, 1);
        var ok = login(email, PASSWORD, code);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().get("accessToken").asString()).isNotBlank();
        var replayed = login(email, PASSWORD, code);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.json().get("type").asString()).endsWith("mfa-invalid");
        assertThat(login(email, PASSWORD, user.app().code(now)).status()).as("an older step").isEqualTo(401);
        assertThat(login(email, PASSWORD, user.app().code(now, 3)).status()).as("beyond the drift").isEqualTo(401);

        // A minute later, the code of the step before the current one still counts (clock drift).
        clock.advance(Duration.ofSeconds(60));
        assertThat(login(email, PASSWORD, user.app().code(stepStart(), -1)).status()).isEqualTo(201);
        assertThat(audited(user.caller().userId(), "login", "refused")).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE user_id = CAST(:u AS uuid) AND action = 'login' "
                + "AND details->>'reason' = 'bad second factor'").param("u", user.caller().userId())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndWrongCodesLockTheAccount() {
        Enrolled user = enrolled();
        String email = user.caller().email();
        String recovery = user.recoveryCodes().get(3);
        var ok = login(email, PASSWORD, " " + recovery.toUpperCase() + " ");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(login(email, PASSWORD, recovery).status()).as("used up").isEqualTo(401);
        assertThat(audited(user.caller().userId(), "mfa.recovery_code_used", "success")).isEqualTo(1);
        assertThat(user.caller().client().get("/api/v1/users/me/mfa").json().get("recoveryCodesLeft").asInt())
                .isEqualTo(9);

        // The used-up code above was the first failure; four more lock the account, right password and all.
        for (int i = 0; i < 4; i++) {
            assertThat(login(email, PASSWORD, user.app().code(clock.instant(), 5)).status()).isEqualTo(401);
        }
        var locked = login(email, PASSWORD, user.app().code(stepStart()));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("detail").asString()).contains("Try again in 15 minutes");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(870L, 900L);
        assertThat(audited(user.caller().userId(), "login.lockout", "locked")).isEqualTo(1);

        // An admin unlocks it early (audited); the list showed the lock before.
        Caller admin = admin();
        var listed = admin.client().get("/api/v1/admin/users?limit=500").json().get("users");
        boolean shownLocked = false;
        for (var u : listed) {
            if (u.get("email").asString().equals(email)) {
                shownLocked = u.has("lockedUntil") && u.get("secondFactor").asBoolean();
            }
        }
        assertThat(shownLocked).isTrue();
        assertThat(admin.client().post("/api/v1/admin/users/" + user.caller().userId() + "/unlock", Map.of())
                .status()).isEqualTo(204);
        assertThat(auditActions(admin.userId())).contains("admin.user_unlocked:success");
        assertThat(login(email, PASSWORD, user.app().code(clock.instant(), 1)).status()).isEqualTo(201);
        assertThat(user.caller().client().post("/api/v1/admin/users/" + admin.userId() + "/unlock", Map.of())
                .status()).as("not an admin").isEqualTo(403);
    }

    @Test
    void turningItOffNeedsThePasswordAndACode() {
        Enrolled user = enrolled();
        var client = user.caller().client();
        Instant now = stepStart();
        var noCode = client.send("DELETE", "/api/v1/users/me/mfa/totp", "application/json",
                "{\"password\":\"" + PASSWORD + "\"}", Map.of());
        assertThat(noCode.status()).isEqualTo(422);
        var wrongPassword = client.send("DELETE", "/api/v1/users/me/mfa/totp", "application/json",
                "{\"password\":\"wrong-Password-42x\",\"code\":\"" + user.app().code(now, 1) + "\"}", Map.of());
        assertThat(wrongPassword.status()).isEqualTo(422);
        assertThat(wrongPassword.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        var wrongCode = client.send("DELETE", "/api/v1/users/me/mfa/totp", "application/json",
                "{\"password\":\"" + PASSWORD + "\",\"code\":\"" + user.app().code(now, 3) + "\"}", Map.of());
        assertThat(wrongCode.status()).isEqualTo(422);
        assertThat(wrongCode.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
        assertThat(client.get("/api/v1/users/me/mfa").json().get("totpEnabled").asBoolean()).as("nothing changed")
                .isTrue();
        assertThat(audited(user.caller().userId(), "mfa.totp_disabled", "failure")).isEqualTo(2);

        var off = client.send("DELETE", "/api/v1/users/me/mfa/totp", "application/json",
                "{\"password\":\"" + PASSWORD + "\",\"code\":\"" + user.app().code(now, 1) + "\"}", Map.of());
        assertThat(off.status()).as(off.toString()).isEqualTo(204);
        assertThat(login(user.caller().email(), PASSWORD, null).status()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM user_recovery_codes WHERE user_id = CAST(:u AS uuid)")
                .param("u", user.caller().userId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE recipient = :r AND subject = 'Two-step sign-in is off'")
                .param("r", user.caller().email()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anAdminResetsALostSecondFactorAndTheOwnerIsMailed() {
        Enrolled user = enrolled();
        Caller admin = admin();
        assertThat(user.caller().client().post("/api/v1/admin/users/" + user.caller().userId() + "/mfa/reset",
                Map.of()).status()).as("not an admin").isEqualTo(403);
        assertThat(admin.client().post("/api/v1/admin/users/" + user.caller().userId() + "/mfa/reset", Map.of())
                .status()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE user_id = CAST(:a AS uuid) AND action = "
                + "'admin.mfa_reset' AND subject = :s").param("a", admin.userId())
                .param("s", "user:" + user.caller().userId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE recipient = :r AND subject = 'Your second factor was "
                + "reset'").param("r", user.caller().email()).query(Long.class).single()).isEqualTo(1);
        assertThat(login(user.caller().email(), PASSWORD, null).status()).isEqualTo(201);
        assertThat(admin.client().post("/api/v1/admin/users/not-a-uuid/mfa/reset", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void noSecondFactorSecretReachesALogLine() {
        var logs = new LogCapture();
        logs.start(List.of("io.dashtam", "org.springframework.web", "org.springframework.security"));
        Enrolled user;
        try {
            user = enrolled();
            login(user.caller().email(), PASSWORD, null);
            login(user.caller().email(), PASSWORD, user.recoveryCodes().get(0));
            login(user.caller().email(), PASSWORD, user.app().code(clock.instant(), 1));
        } finally {
            logs.stop();
        }
        List<String> secrets = new ArrayList<>(user.recoveryCodes());
        secrets.add(user.secret());
        logs.events().forEach(e -> secrets.forEach(s -> assertThat(e.getFormattedMessage() + e.getThrowableProxy())
                .as("log line").doesNotContain(s)));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE details::text LIKE :s")
                .param("s", "%" + user.recoveryCodes().get(0) + "%").query(Long.class).single()).isZero();
    }
}
