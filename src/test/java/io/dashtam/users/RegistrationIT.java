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
 * profile), one started with the production defaults ({@code invite-only}, a verified email needed to sign in) and one
 * with {@code closed}.
 */
class RegistrationIT extends UsersIntegrationTest {

    @RegisterExtension
    static final Replica inviteOnly = new Replica("--dashtam.users.registration=invite-only",
            "--dashtam.users.require-verified-email=true");
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

    private String role(String email) {
        return jdbc.sql("SELECT role FROM users WHERE lower(email) = lower(:e)").param("e", email)
                .query(String.class).single();
    }

    private String id(String email) {
        return jdbc.sql("SELECT id::text FROM users WHERE lower(email) = lower(:e)").param("e", email)
                .query(String.class).single();
    }

    private void emptyTheInstall() {
        jdbc.sql("DELETE FROM users").update();
    }

    @Test
    void theFirstAccountOfAnEmptyInstallBecomesAdminEvenWhenSignUpIsClosed() {
        emptyTheInstall();
        String first = email();
        var created = closed.api().post("/api/v1/users", signUp(first, null));
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(role(first)).isEqualTo("admin");
        var owner = loginAs(new Caller(id(first), first, null, null, null), PASSWORD);
        assertThat(owner.client().get("/api/v1/admin/users").status()).isEqualTo(200);
        assertThat(auditActions(owner.userId())).contains("user.registered:success", "user.promoted_admin:success");

        String second = email();
        assertRefused(closed.api().post("/api/v1/users", signUp(second, null)), second, "registration_closed");
        assertThat(refusals("registration_closed")).isPositive();
        // The open replica lets the second person in, as an ordinary user.
        var user = api().post("/api/v1/users", signUp(second, null));
        assertThat(user.status()).isEqualTo(202);
        assertThat(role(second)).isEqualTo("user");
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
        assertThat(statuses).allMatch(s -> s == 202 || s == 403);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin'").query(Long.class).single())
                .as("statuses " + statuses).isEqualTo(1);
        // The invite-only replica admitted exactly those of its racers that were first: at most one.
        assertThat(statuses.stream().filter(s -> s == 202).count())
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
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        assertThat(role(invited)).isEqualTo("user");
        assertThat(inviteState(token)).isEqualTo("used");

        String again = email();
        assertRefused(inviteOnly.api().post("/api/v1/users", signUp(again, token)), again, "invite_used");
        assertRefused(api().post("/api/v1/users", signUp(again, token)), again, "invite_used");

        String newcomerId = id(invited);
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
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(inTime, early)).status()).isEqualTo(202);
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
        // An email that has an account gets the answer a new one gets; the invite is not spent on it.
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(taken, token)).status()).isEqualTo(202);
        var weak = new HashMap<>(signUp(email(), token));
        weak.put("password", "short");
        assertThat(inviteOnly.api().post("/api/v1/users", weak).status()).isEqualTo(422);
        assertThat(inviteState(token)).isEqualTo("open");
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(email(), token)).status()).isEqualTo(202);
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
            assertThat(statuses).containsExactlyInAnyOrder(202, 403);
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

    /** A form posted as a browser would: the CSRF cookie and field from a page of the app first. */
    private static TestClient.Response pagePost(TestClient client, String path, String form) {
        Map<String, String> html = Map.of("Accept", "text/html");
        var page = client.send("GET", "/app/signin", null, null, html);
        String csrf = page.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-csrf=")).findFirst().orElseThrow().split(";", 2)[0];
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        return client.send("POST", path, "application/x-www-form-urlencoded", form + "&_csrf=" + m.group(1),
                Map.of("Cookie", csrf, "Accept", "text/html"));
    }

    private static String form(String... pairs) {
        var out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private long mails(String email, String subject) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE lower(recipient) = lower(:r) AND subject = :s")
                .param("r", email).param("s", subject).query(Long.class).single();
    }

    @Test
    void signUpAnswersAKnownEmailExactlyLikeANewOneAndMailsItsOwner() {
        var owner = newUser();
        String fresh = email();
        var known = api().post("/api/v1/users", signUp(owner.email().toUpperCase(), null));
        var unknown = api().post("/api/v1/users", signUp(fresh, null));
        assertThat(known.status()).as(known.toString()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(known.json().propertyNames()).containsExactlyInAnyOrderElementsOf(unknown.json().propertyNames());
        assertThat(known.body()).doesNotContain(owner.userId()).doesNotContainIgnoringCase("exists");
        assertThat(accounts(owner.email())).isEqualTo(1);
        assertThat(mails(owner.email(), "Someone tried to sign up with your email")).isEqualTo(1);
        assertThat(mails(fresh, "Verify your email for Dashtam")).isEqualTo(1);
        assertThat(auditActions(owner.userId())).contains("user.registration_duplicate:refused");
        assertThat(loginAs(owner, PASSWORD).client().get("/api/v1/users/me").json().get("name").asString())
                .as("the account is untouched").isEqualTo("Test User");

        // The page: the same "check your email" page for both.
        var knownPage = pagePost(api(), "/app/signup", form("name", "Twin", "email", owner.email(), "password",
                PASSWORD));
        var newPage = pagePost(api(), "/app/signup", form("name", "New", "email", email(), "password", PASSWORD));
        assertThat(knownPage.status()).isEqualTo(200);
        assertThat(newPage.status()).isEqualTo(200);
        assertThat(knownPage.body()).contains("Check your email").doesNotContainIgnoringCase("already");
        assertThat(newPage.body()).contains("Check your email");
        assertThat(mails(owner.email(), "Someone tried to sign up with your email")).isEqualTo(2);
    }

    @Test
    void withTheProductionDefaultsAnUnverifiedEmailCannotSignInUntilVerified() {
        var admin = admin();
        String email = email();
        assertThat(inviteOnly.api().post("/api/v1/users", signUp(email, newInvite(admin))).status()).isEqualTo(202);
        var refused = inviteOnly.api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("reason").asString()).isEqualTo("email_unverified");
        assertThat(refused.json().get("detail").asString()).contains("Verify your email");
        assertThat(refused.body()).doesNotContain("accessToken");
        assertThat(auditActions(id(email))).contains("login:refused");
        assertThat(jdbc.sql("SELECT count(*) FROM user_sessions WHERE user_id = CAST(:u AS uuid)")
                .param("u", id(email)).query(Long.class).single()).as("no session opened").isZero();

        // Resend: the same 202 for every email; only the pending account gets a new mail (the old link dies).
        String first = verificationToken(email);
        for (String who : List.of(email, "nobody-" + email, admin.email())) {
            assertThat(inviteOnly.api().post("/api/v1/email-verifications/resend", Map.of("email", who)).status())
                    .as(who).isEqualTo(202);
        }
        assertThat(mails(email, "Verify your email for Dashtam")).isEqualTo(2);
        assertThat(mails("nobody-" + email, "Verify your email for Dashtam")).isZero();
        assertThat(inviteOnly.api().post("/api/v1/email-verifications", Map.of("token", first)).status())
                .as("the older link was replaced").isEqualTo(400);
        assertThat(inviteOnly.api().post("/api/v1/email-verifications", Map.of("token", verificationToken(email)))
                .status()).isEqualTo(204);
        assertThat(inviteOnly.api().post("/api/v1/sessions", Map.of("email", email, "password", PASSWORD)).status())
                .isEqualTo(201);
        assertThat(inviteOnly.api().post("/api/v1/email-verifications/resend", Map.of("email", "")).status())
                .isEqualTo(422);

        // The sign-in page says so and links to a new mail.
        String other = email();
        inviteOnly.api().post("/api/v1/users", signUp(other, newInvite(admin)));
        var page = pagePost(inviteOnly.api(), "/app/signin", form("email", other, "password", PASSWORD));
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).contains("Verify your email address first").contains("Send a new");
    }
}
