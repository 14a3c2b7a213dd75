package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.Replica;
import io.dashtam.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registration setting over HTTPS, with three replicas on one database: the shared context (open, the test
 * profile), one started with {@code invite-only} (the production default) and one with {@code closed}.
 */
class RegistrationIT extends UsersIntegrationTest {

    @RegisterExtension
    static final Replica inviteOnly = new Replica("--dashtam.users.registration=invite-only");
    @RegisterExtension
    static final Replica closed = new Replica("--dashtam.users.registration=closed");

    private static String email() {
        return "reg-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static Map<String, Object> signUp(String email, Object invite) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", PASSWORD, "name", "New Person"));
        if (invite != null) {
            body.put("inviteToken", invite);
        }
        return body;
    }

    private long accounts(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE lower(email) = lower(:e)").param("e", email)
                .query(Long.class).single();
    }

    private String inviteState(String token) {
        return jdbc.sql("SELECT CASE WHEN used_at IS NULL THEN 'open' ELSE 'used' END FROM user_invites "
                + "WHERE token_hash = sha256(convert_to(:t, 'UTF8'))").param("t", token).query(String.class).single();
    }

    private long refusals(String reason) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'user.registration_refused' "
                + "AND details->>'reason' = :r").param("r", reason).query(Long.class).single();
    }

    /** A 403 problem with the refusal's reason, and no account for that email. */
    private void assertRefused(TestClient.Response response, String email, String reason) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("reason").asString()).isEqualTo(reason);
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(accounts(email)).as("nothing stored for " + email).isZero();
    }

    private String newInvite(Caller admin) {
        var created = admin.client().post("/api/v1/admin/invites", Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(created.json().get("url").asString()).endsWith("/app/signup?invite=" + token);
        return token;
    }

    private void emptyTheInstall() {
        jdbc.sql("DELETE FROM users").update();
    }

    @Test
    void theFirstAccountOfAnEmptyInstallBecomesAdminEvenWhenSignUpIsClosed() {
        emptyTheInstall();
        String first = email();
        var created = closed.api().post("/api/v1/users", signUp(first, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("admin");
        var owner = loginAs(new Caller(created.json().get("id").asString(), first, null, null, null), PASSWORD);
        assertThat(owner.client().get("/api/v1/admin/users").status()).isEqualTo(200);
        assertThat(auditActions(owner.userId())).contains("user.registered:success", "user.promoted_admin:success");

        String second = email();
        assertRefused(closed.api().post("/api/v1/users", signUp(second, null)), second, "registration_closed");
        assertThat(refusals("registration_closed")).isPositive();
        // The open replica lets the second person in, as an ordinary user.
        var user = api().post("/api/v1/users", signUp(second, null));
        assertThat(user.status()).isEqualTo(201);
        assertThat(user.json().get("role").asString()).isEqualTo("user");
    }

    @Test
    void firstSignUpsRacingOnTwoReplicasMakeExactlyOneAdmin() throws Exception {
        emptyTheInstall();
        int racers = 6;
        var gate = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            TestClient client = i % 2 == 0 ? inviteOnly.api() : api();
            String email = "racer-" + i + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
            calls.add(() -> {
                gate.await();
                return client.post("/api/v1/users", signUp(email, null)).status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
            gate.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).allMatch(s -> s == 201 || s == 403);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin'").query(Long.class).single())
                .as("statuses " + statuses).isEqualTo(1);
        // The invite-only replica admitted exactly those of its racers that were first: at most one.
        assertThat(statuses.stream().filter(s -> s == 201).count())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single());
    }

    @Test
    void inviteOnlyNeedsAnInviteThatWorksOnce() {
        var admin = admin();
        String nobody = email();
        assertRefused(inviteOnly.api().post("/api/v1/users", signUp(nobody, null)), nobody, "invite_required");

        String token = newInvite(admin);
        assertThat(inviteState(token)).as("stored as its SHA-256 only").isEqualTo("open");
        assertThat(jdbc.sql("SELECT count(*) FROM user_invites WHERE position(:t in row_to_json(user_invites)::text) > 0")
                .param("t", token).query(Long.class).single()).isZero();

        String invited = email();
        var created = inviteOnly.api().post("/api/v1/users", signUp(invited, token));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("user");
        assertThat(inviteState(token)).isEqualTo("used");

        String again = email();
        assertRefused(inviteOnly.api().post("/api/v1/users", signUp(again, token)), again, "invite_used");
        assertRefused(api().post("/api/v1/users", signUp(again, token)), again, "invite_used");

        String newcomerId = created.json().get("id").asString();
        assertThat(auditActions(admin.userId())).contains("invite.created:success");
        assertThat(auditActions(newcomerId)).contains("invite.used:success", "user.registered:success");
        assertThat(refusals("invite_required")).isPositive();
        assertThat(refusals("invite_used")).isPositive();

        var list = admin.client().get("/api/v1/admin/invites");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("registration").asString()).isEqualTo("open");
        assertThat(list.body()).doesNotContain(token).contains("\"state\":\"used\"").contains(newcomerId);
        assertThat(inviteOnly.api().as(admin.accessToken()).get("/api/v1/admin/invites").json().get("registration")
                .asString()).isEqualTo("invite-only");
    }

    @Test
    void anInviteExpiresAfterItsLifetime() {
        var admin = admin();
        String early = newInvite(admin);
        String late = newInvite(admin);
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        String inTime = email();
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(inTime, early)).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String tooLate = email();
        assertRefused(inviteOnly.api().post("/api/v1/users", signUp(tooLate, late)), tooLate, "invite_expired");
        assertThat(inviteState(late)).isEqualTo("open");
        // A week later the admin's access token has long expired: sign in again to read the list.
        assertThat(admin().client().get("/api/v1/admin/invites").body()).contains("\"state\":\"expired\"");
    }

    @Test
    void aRefusedSignUpDoesNotUseUpTheInvite() {
        var admin = admin();
        String token = newInvite(admin);
        String taken = newUser().email();
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(taken, token)).status()).isEqualTo(409);
        var weak = new HashMap<>(signUp(email(), token));
        weak.put("password", "short");
        assertThat(inviteOnly.api().post("/api/v1/users", weak).status()).isEqualTo(422);
        assertThat(inviteState(token)).isEqualTo("open");
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(email(), token)).status()).isEqualTo(201);
    }

    @Test
    void oneInviteRacedOnTwoReplicasAdmitsOnePerson() throws Exception {
        String token = newInvite(admin());
        var gate = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            Future<TestClient.Response> a = pool.submit(() -> {
                gate.await();
                return inviteOnly.api().post("/api/v1/users", signUp(email(), token));
            });
            Future<TestClient.Response> b = pool.submit(() -> {
                gate.await();
                return api().post("/api/v1/users", signUp(email(), token));
            });
            gate.countDown();
            List<Integer> statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(201, 403);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'invite.used' AND subject = 'invite:' || "
                + "(SELECT id FROM user_invites WHERE token_hash = sha256(convert_to(:t, 'UTF8')))")
                .param("t", token).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void closedRefusesEvenWithAnInviteAndMakesNoInvites() {
        var admin = admin();
        String token = newInvite(admin);
        String email = email();
        assertRefused(closed.api().post("/api/v1/users", signUp(email, token)), email, "registration_closed");
        assertThat(inviteState(token)).isEqualTo("open");
        var refused = closed.api().as(admin.accessToken()).post("/api/v1/admin/invites", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(newUser().client().post("/api/v1/admin/invites", Map.of()).status()).as("not an admin")
                .isEqualTo(403);
        assertThat(api().post("/api/v1/admin/invites", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void theSignUpPageSaysWhySignUpIsRefused() {
        admin();
        Map<String, String> html = Map.of("Accept", "text/html");
        var closedPage = closed.api().send("GET", "/app/signup", null, null, html);
        assertThat(closedPage.status()).isEqualTo(200);
        assertThat(closedPage.body()).contains("Sign-up is closed on this Dashtam").doesNotContain("name=\"password\"");
        var noInvite = inviteOnly.api().send("GET", "/app/signup", null, null, html);
        assertThat(noInvite.body()).contains("needs an invite link").doesNotContain("name=\"password\"");
        var badInvite = inviteOnly.api().send("GET", "/app/signup?invite=%00%3Cscript%3E", null, null, html);
        assertThat(badInvite.status()).isBetween(200, 499);
        assertThat(badInvite.body()).doesNotContain("<script>").doesNotContain("name=\"password\"");
        var open = api().send("GET", "/app/signup", null, null, html);
        assertThat(open.body()).contains("name=\"password\"").doesNotContain("signup-refused");

        // A forged POST past the page on the closed replica: the same 403 refusal, as a page, nothing stored.
        var form = closed.api().send("GET", "/app/signin", null, null, html);
        String csrf = form.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-csrf=")).findFirst().orElseThrow().split(";", 2)[0];
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        String email = email();
        var posted = closed.api().send("POST", "/app/signup", "application/x-www-form-urlencoded",
                "name=Forger&email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                        + "&password=" + PASSWORD + "&_csrf=" + m.group(1),
                Map.of("Accept", "text/html", "Cookie", csrf));
        assertThat(posted.status()).isEqualTo(403);
        assertThat(posted.contentType()).startsWith("text/html");
        assertThat(posted.body()).contains("Sign-up is closed on this Dashtam");
        assertThat(accounts(email)).isZero();
    }

    @Test
    void theOpenApiDocumentDescribesInvites() {
        var doc = api().get("/docs/openapi").json();
        assertThat(doc.get("paths").propertyNames()).contains("/api/v1/admin/invites", "/api/v1/users");
        assertThat(doc.get("paths").get("/api/v1/admin/invites").propertyNames()).contains("get", "post");
        assertThat(doc.toString()).contains("inviteToken");
    }

    @Test
    void badInviteTokensAreCleanFourHundredsAndStoreNothing() {
        admin();
        long invitesBefore = jdbc.sql("SELECT count(*) FROM user_invites").query(Long.class).single();
        Object[] bad = {"x".repeat(200_000), "a".repeat(42) + "\u0000", "<script>alert(1)</script>", "' OR 1=1 --",
            "a".repeat(43), 12345, List.of("a"), Map.of("token", "x"), true};
        for (TestClient client : List.of(api(), inviteOnly.api())) {
            for (Object token : bad) {
                String email = email();
                var response = client.post("/api/v1/users", signUp(email, token));
                assertThat(response.status()).as("%s -> %s", String.valueOf(token).length() > 60
                        ? "a huge token" : token, response).isBetween(400, 499);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body()).doesNotContain("Exception").doesNotContain("io.dashtam")
                        .doesNotContain("<script>");
                assertThat(accounts(email)).isZero();
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM user_invites").query(Long.class).single()).isEqualTo(invitesBefore);
    }
}
