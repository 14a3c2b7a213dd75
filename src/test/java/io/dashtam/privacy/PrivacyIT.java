package io.dashtam.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.sync.SyncDriver;
import io.dashtam.testing.Browser;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestTotp;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Your data is yours: the export (everything of the caller's, nothing of anyone else's, no secrets, exact amounts;
 * an empty valid archive for a user with nothing) and the deletion of an account (password re-entered, and a
 * current code when two-step sign-in is on; every row of theirs gone or anonymised in one go, sessions refused,
 * one audit entry that names nobody).
 */
class PrivacyIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Test
    void aUserWithNothingGetsAValidArchive() throws Exception {
        var user = newUser();
        Map<String, String> files = export(user);
        assertThat(files).containsKeys("README.txt", "profile.json", "sessions.json", "connections.json",
                "accounts.json", "balances.csv", "holdings.csv", "transactions.csv", "imports.json", "audit.json",
                "history.csv", "prices.csv", "exchange-rates.csv", "access-tokens.json", "second-factor.json");
        JsonNode profile = JSON.readTree(files.get("profile.json"));
        assertThat(profile.get("email").asString()).isEqualTo(user.email());
        assertThat(profile.get("id").asString()).isEqualTo(user.userId());
        assertThat(JSON.readTree(files.get("connections.json"))).isEmpty();
        assertThat(JSON.readTree(files.get("accounts.json"))).isEmpty();
        assertThat(JSON.readTree(files.get("sessions.json"))).hasSize(1);
        assertThat(files.get("transactions.csv").lines().toList()).hasSize(1)
                .first().asString().startsWith("id,account_id,provider_transaction_id,occurred_at");
    }

    @Test
    void theExportHoldsAllOfTheirsNothingOfOthersAndNoSecret() throws Exception {
        var user = newUser();
        var other = newUser();
        connectSandbox(user);
        connectSandbox(other);
        SyncDriver.runDue(context);

        Map<String, String> files = export(user);
        List<String> rows = files.get("transactions.csv").lines().skip(1).toList();
        long count = jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = CAST(:u AS uuid)")
                .param("u", user.userId()).query(Long.class).single();
        BigDecimal sum = jdbc.sql("SELECT sum(amount) FROM transactions WHERE user_id = CAST(:u AS uuid)")
                .param("u", user.userId()).query(BigDecimal.class).single();
        assertThat(count).isPositive();
        assertThat(rows).hasSize((int) count);
        BigDecimal exported = rows.stream().map(PrivacyIT::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(exported).isEqualByComparingTo(sum);
        List<Long> othersIds = jdbc.sql("SELECT id FROM transactions WHERE user_id = CAST(:u AS uuid)")
                .param("u", other.userId()).query(Long.class).list();
        assertThat(othersIds).isNotEmpty().noneMatch(id -> rows.stream().anyMatch(r -> r.startsWith(id + ",")));

        assertThat(JSON.readTree(files.get("accounts.json"))).hasSize(2);
        assertThat(files.get("holdings.csv").lines().count()).isGreaterThan(1);
        assertThat(files.get("balances.csv").lines().count()).isGreaterThan(1);
        // The derived history: every stored day of theirs, none of the other user's accounts.
        io.dashtam.insight.HistoryDriver.deriveAll(context, user.userId());
        List<String> days = export(user).get("history.csv").lines().skip(1).toList();
        assertThat(days).hasSize(jdbc.sql("SELECT count(*) FROM account_daily_values WHERE user_id = CAST(:u AS uuid)")
                .param("u", user.userId()).query(Integer.class).single()).hasSizeGreaterThan(300);
        List<String> othersAccounts = jdbc.sql("SELECT id::text FROM accounts WHERE user_id = CAST(:u AS uuid)")
                .param("u", other.userId()).query(String.class).list();
        assertThat(days).noneMatch(d -> othersAccounts.stream().anyMatch(d::startsWith));
        assertThat(JSON.readTree(files.get("connections.json")).get(0).get("provider").asString()).isEqualTo("sandbox");
        assertThat(JSON.readTree(files.get("audit.json")).findValuesAsString("action")).contains("user.registered");
        String everything = String.join("\n", files.values());
        assertThat(everything).doesNotContain(other.email()).doesNotContain(other.userId())
                .doesNotContain("sealed").doesNotContain("key_id").doesNotContain(user.accessToken());
        // No token the sandbox issued is in the export (they are stored sealed; the archive never opens them).
        for (String hash : jdbc.sql("SELECT encode(token_hash, 'hex') FROM sandbox_grants").query(String.class).list()) {
            assertThat(everything).doesNotContain(hash);
        }
    }

    @Test
    void deletingAnAccountNeedsThePasswordAndLeavesNothingOfTheirs() throws Exception {
        var user = newUser();
        var other = newUser();
        connectSandbox(user);
        connectSandbox(other);
        SyncDriver.runDue(context);
        long othersRows = jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = CAST(:u AS uuid)")
                .param("u", other.userId()).query(Long.class).single();

        var wrong = user.client().send("DELETE", "/api/v1/users/me", "application/json",
                "{\"password\":\"not-the-password-1\"}", Map.of());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        assertThat(wrong.body()).contains("password").doesNotContain("not-the-password-1");
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(200);

        long deletionsBefore = anonymousDeletions();
        var deleted = user.client().send("DELETE", "/api/v1/users/me", "application/json",
                "{\"password\":\"" + PASSWORD + "\"}", Map.of());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(rowsMentioning(user.userId(), user.email())).as("rows that still name the deleted user").isEmpty();

        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/sessions", Map.of("email", user.email(), "password", PASSWORD)).status())
                .isEqualTo(401);
        assertThat(api().post("/api/v1/tokens", Map.of("refreshToken", user.refreshToken())).status())
                .isEqualTo(401);
        assertThat(anonymousDeletions()).isEqualTo(deletionsBefore + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM transactions WHERE user_id = CAST(:u AS uuid)")
                .param("u", other.userId()).query(Long.class).single()).isEqualTo(othersRows);
        assertThat(other.client().get("/api/v1/users/me").status()).isEqualTo(200);
    }

    @Test
    void withTwoStepSignInOnDeletionAlsoNeedsACurrentCode() {
        var user = newUser();
        var started = user.client().post("/api/v1/users/me/mfa/totp", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        TestTotp app = new TestTotp(started.json().get("secret").asString());
        clock.advance(Duration.ofSeconds(30 - clock.instant().getEpochSecond() % 30)); // a whole step ahead
        var on = user.client().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", app.code(clock.instant())));
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30)); // the enrolment's code is spent; the next step's is current

        String password = "\"password\":\"" + PASSWORD + "\"";
        for (String body : List.of("{" + password + "}", "{" + password + ",\"code\":\"\"}",
                "{" + password + ",\"code\":\"" + app.code(clock.instant(), 3) + "\"}",
                "{" + password + ",\"code\":\"" + app.code(clock.instant(), -1) + "\"}")) {
            var refused = user.client().send("DELETE", "/api/v1/users/me", "application/json", body, Map.of());
            assertThat(refused.status()).as(body + " -> " + refused.body()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("code");
            assertThat(user.client().get("/api/v1/users/me").status()).as("nothing deleted").isEqualTo(200);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE user_id = CAST(:u AS uuid) "
                + "AND action = 'mfa.confirmed' AND outcome = 'failure'").param("u", user.userId())
                .query(Long.class).single()).as("the wrong codes are audited").isEqualTo(2);

        var deleted = user.client().send("DELETE", "/api/v1/users/me", "application/json",
                "{" + password + ",\"code\":\"" + app.code(clock.instant()) + "\"}", Map.of());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(rowsMentioning(user.userId(), user.email())).isEmpty();
    }

    @Test
    void settingsOffersTheDownloadAndTheDeletionWithThePassword() {
        var user = newUser();
        var browser = new Browser();
        String base = api().baseUrl();
        browser.postForm(base + "/app/signin", "_csrf=" + csrf(browser.get(base + "/app/signin").body())
                + "&email=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8) + "&password=" + PASSWORD);
        var settings = browser.get(base + "/app/settings");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("href=\"/app/settings/export\"").contains("Delete my account");
        var download = browser.get(base + "/app/settings/export");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).contains("application/zip");

        String token = csrf(settings.body());
        var refused = browser.postForm(base + "/app/settings/delete-account", "_csrf=" + token + "&password=wrong-1");
        assertThat(Browser.location(refused)).endsWith("/app/settings?deleteRefused#your-data");
        assertThat(browser.get(base + "/app/settings?deleteRefused").body()).contains("nothing was deleted");
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(200);

        var deleted = browser.postForm(base + "/app/settings/delete-account", "_csrf=" + token + "&password="
                + PASSWORD);
        assertThat(Browser.location(deleted)).endsWith("/app/signin?accountDeleted");
        assertThat(deleted.headers().allValues("Set-Cookie")).anyMatch(c -> c.contains("Max-Age=0"));
        assertThat(browser.get(base + "/app/settings").statusCode()).isEqualTo(303);
        assertThat(user.client().get("/api/v1/users/me").status()).isEqualTo(401);
    }

    private long anonymousDeletions() {
        return jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE action = 'user.account.deleted' AND user_id IS NULL
                AND subject IS NULL AND ip = '' AND user_agent = '' AND details = '{}'::jsonb""")
                .query(Long.class).single();
    }

    private static String csrf(String html) {
        var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field").isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void theAuditLogStillRefusesAnyOtherRewrite() {
        var user = newUser();
        for (String sql : List.of("UPDATE audit_log SET action = 'x' WHERE user_id = CAST(:u AS uuid)",
                "UPDATE audit_log SET ip = '10.0.0.1' WHERE user_id = CAST(:u AS uuid)",
                "DELETE FROM audit_log WHERE user_id = CAST(:u AS uuid)")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(sql).param("u", user.userId()).update())
                    .hasStackTraceContaining("append-only");
        }
    }

    /** Every column of every table that holds the user's id or (in text) their email. */
    private List<String> rowsMentioning(String userId, String email) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('uuid', 'text', 'jsonb', 'character varying')
                """).query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            boolean uuid = "uuid".equals(column.get("data_type"));
            String sql = uuid ? "SELECT count(*) FROM \"%s\" WHERE \"%s\" = CAST(:v AS uuid)".formatted(table, name)
                    : "SELECT count(*) FROM \"%s\" WHERE \"%s\"::text ILIKE :v".formatted(table, name);
            long n = jdbc.sql(sql).param("v", uuid ? userId : "%" + email + "%").query(Long.class).single();
            if (!uuid) {
                n += jdbc.sql("SELECT count(*) FROM \"%s\" WHERE \"%s\"::text LIKE :v".formatted(table, name))
                        .param("v", "%" + userId + "%").query(Long.class).single();
            }
            if (n > 0) {
                found.add(table + "." + name + ": " + n);
            }
        }
        return found;
    }

    private Map<String, String> export(Caller user) throws Exception {
        HttpResponse<byte[]> response = httpClient().send(HttpRequest.newBuilder(
                        URI.create(api().baseUrl() + "/api/v1/users/me/export"))
                .header("Authorization", "Bearer " + user.accessToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"dashtam-export-\\d{4}-\\d\\d-\\d\\d\\.zip\"");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        Map<String, String> files = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(io.dashtam.testing.TestTls.instance().sslContext()).build();
    }

    /** amount is the 13th column; only the description (9th) can hold quotes or commas. */
    private static BigDecimal amount(String row) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return new BigDecimal(fields.get(12));
    }

    private void connectSandbox(Caller user) {
        String id = user.client().post("/api/v1/connections", Map.of("provider", "sandbox", "alias", "Play"))
                .json().get("id").asString();
        String connect = user.client().get("/api/v1/connections/" + id + "/authorization").json().get("connectUrl")
                .asString();
        var browser = new Browser();
        var page = browser.get(Browser.location(browser.get(connect)));
        var m = Pattern.compile("type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(page.body());
        StringBuilder form = new StringBuilder();
        while (m.find()) {
            form.append(form.length() == 0 ? "" : "&").append(m.group(1)).append('=').append(URLEncoder.encode(
                    org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(2)), StandardCharsets.UTF_8));
        }
        var decided = browser.postForm(api().baseUrl() + "/sandbox/v1/oauth/authorize", form + "&decision=allow");
        assertThat(browser.get(Browser.location(decided)).statusCode()).isEqualTo(200);
    }
}
