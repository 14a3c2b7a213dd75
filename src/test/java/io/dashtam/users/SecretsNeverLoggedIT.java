package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.dashtam.testing.LogCapture;

/**
 * Runs every auth flow with DEBUG logging on for the app and Spring's web and security layers, captures every log
 * event, then searches the log and the audit table for each password and token the run used: none may appear.
 */
class SecretsNeverLoggedIT extends UsersIntegrationTest {

    private static final List<String> VERBOSE = List.of("io.dashtam", "org.springframework.web",
            "org.springframework.security", "org.springframework.transaction");

    private final LogCapture captured = new LogCapture();
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void capture() {
        captured.start(VERBOSE);
    }

    @AfterEach
    void release() {
        captured.stop();
    }

    private String keep(String secret) {
        secrets.add(secret);
        return secret;
    }

    private String tokens(io.dashtam.testing.TestClient.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        keep(response.json().get("refreshToken").asString());
        return keep(response.json().get("accessToken").asString());
    }

    @Test
    void noPasswordOrTokenReachesTheLogOrTheAuditTable() {
        keep(PASSWORD);
        var user = newUser();
        keep(user.accessToken());
        keep(user.refreshToken());
        String wrong = keep("wrong-Guess-password-31");
        assertThat(login(user.email(), wrong).status()).isEqualTo(401);
        // A validation failure on another field, a malformed body and a weak password, each carrying a secret.
        assertThat(api().post("/api/v1/sessions", Map.of("email", "", "password", keep("blank-email-Secret-9")))
                .status()).isEqualTo(422);
        assertThat(api().send("POST", "/api/v1/sessions", "application/json",
                "{\"email\":\"x@y.org\",\"password\":\"" + keep("broken-json-Secret-8"), Map.of()).status())
                .isEqualTo(400);
        assertThat(api().post("/api/v1/users", Map.of("email", "weak@example.org", "password", keep("tiny-1"),
                "name", "W")).status()).isEqualTo(422);

        var refreshed = api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken()));
        tokens(refreshed);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken())).status())
                .as("reuse").isEqualTo(401);

        String access = tokens(login(user.email(), PASSWORD));
        String verification = keep(verificationToken(user.email()));
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", verification)).status()).isEqualTo(204);
        String changed = keep("changed-Passphrase-2024");
        assertThat(api().as(access).put("/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", changed)).status()).isEqualTo(204);
        assertThat(api().post("/api/v1/password-resets", Map.of("email", user.email())).status()).isEqualTo(202);
        String reset = keep(resetToken(user.email()));
        String finalPassword = keep("after-Reset-passphrase-5");
        assertThat(api().post("/api/v1/password-resets/confirm", Map.of("token", reset, "newPassword",
                finalPassword)).status()).isEqualTo(204);
        String last = tokens(login(user.email(), finalPassword));
        assertThat(api().as(last).get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(api().as(last + "x").get("/api/v1/users/me").status()).isEqualTo(401);

        var admin = admin();
        keep(admin.accessToken());
        keep(admin.refreshToken());
        assertThat(admin.client().post("/api/v1/admin/users/" + user.userId() + "/disable", Map.of()).status())
                .isEqualTo(200);
        assertThat(login(user.email(), finalPassword).status()).isEqualTo(403);
        assertThat(admin.client().delete("/api/v1/sessions/current").status()).isEqualTo(204);

        List<String> lines = captured.events().stream().map(SecretsNeverLoggedIT::render).toList();
        assertThat(lines).as("the capture works").anyMatch(l -> l.contains("is in the outbox"))
                .anyMatch(l -> l.startsWith("DEBUG org.springframework.web"));
        List<String> auditRows = jdbc.sql("SELECT row_to_json(a)::text FROM audit_log a").query(String.class).list();
        assertThat(auditRows).hasSizeGreaterThan(15);
        assertThat(secrets).hasSizeGreaterThan(15);
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            int index = i;
            lines.stream().filter(l -> l.contains(secret))
                    .forEach(l -> leaks.add("secret #" + index + " in log: " + l.replace(secret, "<SECRET>")));
            auditRows.stream().filter(r -> r.contains(secret))
                    .forEach(r -> leaks.add("secret #" + index + " in audit_log: " + r.replace(secret, "<SECRET>")));
        }
        assertThat(leaks).isEmpty();
    }

    private static String render(ILoggingEvent event) {
        StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        if (event.getArgumentArray() != null) {
            for (Object arg : event.getArgumentArray()) {
                line.append(' ').append(arg);
            }
        }
        if (event.getThrowableProxy() != null) {
            line.append(' ').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.toString();
    }
}
