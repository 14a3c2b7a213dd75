package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web app's HTTP contract without a browser: negotiation at /, headers, CSRF, HTML errors, cookie flags. */
class WebPagesIT extends IntegrationTest {

    @Test
    void rootAnswersBrowsersWithTheAppAndJsonClientsWithTheIndex() {
        var html = api().send("GET", "/", null, null, Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(html.status()).isEqualTo(302);
        assertThat(html.header("Location")).endsWith("/app");
        var json = api().get("/");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("name").asString()).isEqualTo("Dashtam");
        var any = api().send("GET", "/", null, null, Map.of("Accept", "*/*"));
        assertThat(any.status()).isEqualTo(200);
        assertThat(any.contentType()).startsWith("application/json");
    }

    @Test
    void pagesCarryTheStrictPolicyAndSignedOutVisitorsGoToSignIn() {
        var page = api().send("GET", "/app/signin", null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("style-src 'self'")
                .doesNotContain("unsafe");
        assertThat(page.header("Strict-Transport-Security")).contains("max-age=");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("name=\"_csrf\"").doesNotContain("<script>").doesNotContain("style=");
        var dashboard = api().send("GET", "/app", null, null, Map.of("Accept", "text/html"));
        assertThat(dashboard.status()).isEqualTo(303);
        assertThat(dashboard.header("Location")).isEqualTo("/app/signin");
        assertThat(api().get("/api/v1/accounts").contentType()).startsWith("application/problem+json");
    }

    @Test
    void aFormPostWithoutACsrfTokenIsRefusedWithAnHtmlPage() {
        var refused = api().send("POST", "/app/signin", "application/x-www-form-urlencoded",
                "email=a%40example.org&password=x", Map.of("Accept", "text/html"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.body()).contains("Forbidden").contains(refused.header("X-Trace-Id"));
        assertThat(refused.header("Content-Security-Policy")).doesNotContain("unsafe");
    }

    @Test
    void unknownPagesAreHtml404sAndTheApiKeepsProblemJson() {
        var missing = api().send("GET", "/app/no-such-page", null, null, Map.of("Accept", "text/html"));
        // Signed out: first the sign-in page; the 404 page itself is checked in the browser test.
        assertThat(missing.status()).isEqualTo(303);
        var asset = api().send("GET", "/assets/dashtam.css", null, null, Map.of());
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).startsWith("text/css");
    }

    @Test
    void signingInSetsAHostOnlySecureHttpOnlyLaxCookie() {
        var user = newUser();
        var form = api().send("GET", "/app/signin", null, null, Map.of("Accept", "text/html"));
        String csrfCookie = form.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-csrf=")).findFirst().orElseThrow();
        assertThat(csrfCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(m.find()).isTrue();
        var signedIn = api().send("POST", "/app/signin", "application/x-www-form-urlencoded",
                "email=" + java.net.URLEncoder.encode(user.email(), java.nio.charset.StandardCharsets.UTF_8)
                        + "&password=" + PASSWORD + "&_csrf=" + m.group(1),
                Map.of("Accept", "text/html", "Cookie", csrfCookie.split(";", 2)[0]));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        String session = signedIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("__Host-dashtam-session=")).findFirst().orElseThrow();
        assertThat(session).contains("Path=/").contains("Secure").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Domain");
        // The cookie opens pages, never the JSON API.
        String cookie = session.split(";", 2)[0];
        assertThat(api().send("GET", "/app", null, null, Map.of("Accept", "text/html", "Cookie", cookie)).status())
                .isEqualTo(200);
        assertThat(api().send("GET", "/api/v1/accounts", null, null, Map.of("Cookie", cookie)).status())
                .isEqualTo(401);
        // It is a session of the sessions list.
        assertThat(user.client().get("/api/v1/sessions").json().get("sessions").size()).isEqualTo(2);
    }

    /**
     * A file above the API's old 1 MB page limit is previewed and imported through the page, crossing the network
     * once: the preview keeps it on the server and the confirm names it (no file in the confirm form). Only its
     * owner can use it, and once imported it is gone.
     */
    @Test
    void theImportPageTakesLargeFilesAndConfirmsWithoutPostingThemAgain() {
        var owner = newUser();
        String connection = owner.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Files"))
                .json().get("id").asString();
        String notes = "n".repeat(700_000); // a column nobody maps: the file is large, its rows few
        String csv = "Date,Amount,Description,Notes\n2026-11-01,-12.50,Coffee beans," + notes
                + "\n2026-11-02,-3.10,Bus ticket," + notes + "\n2026-11-03,1500.00,Salary," + notes + "\n";
        byte[] file = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(file.length).isGreaterThan(2_000_000);
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        mapping.put("connection", connection);
        mapping.put("accountNumber", "4000123412341234");
        mapping.put("currency", "USD");
        mapping.put("colDate", "Date");
        mapping.put("colAmount", "Amount");
        mapping.put("colDescription", "Description");

        var session = PageSession.signIn(api(), owner.email());
        Map<String, String> preview = new java.util.LinkedHashMap<>(mapping);
        preview.put("action", "preview");
        var previewed = session.postFile("/app/import", "/app/import", preview, "file", "card.csv", file);
        assertThat(previewed.status()).as(previewed.body()).isEqualTo(200);
        assertThat(previewed.body()).contains("Preview (nothing stored yet)").doesNotContain(notes.substring(0, 1000));
        var upload = java.util.regex.Pattern.compile("name=\"upload\" value=\"([0-9a-f-]{36})\"")
                .matcher(previewed.body());
        assertThat(upload.find()).isTrue();
        assertThat(previewed.body().length()).as("the confirm form carries a name, not the file").isLessThan(100_000);

        // Another user cannot use it.
        var other = newUser();
        other.client().post("/api/v1/connections", Map.of("provider", "file", "alias", "Mine"));
        Map<String, String> stolen = new java.util.LinkedHashMap<>(mapping);
        stolen.put("action", "confirm");
        stolen.put("upload", upload.group(1));
        var refused = PageSession.signIn(api(), other.email()).post("/app/import", "/app/import", stolen);
        assertThat(refused.status()).isIn(400, 422);
        assertThat(refused.body()).doesNotContain("Imported");

        Map<String, String> confirm = new java.util.LinkedHashMap<>(mapping);
        confirm.put("action", "confirm");
        confirm.put("upload", upload.group(1));
        confirm.put("fileName", "card.csv");
        confirm.put("format", "csv");
        var imported = session.post("/app/import", "/app/import", confirm);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("Imported");
        assertThat(owner.client().get("/api/v1/transactions?q=Coffee").json().get("items")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM import_uploads WHERE id = :id")
                .param("id", java.util.UUID.fromString(upload.group(1))).query(Integer.class).single()).isZero();
        assertThat(session.post("/app/import", "/app/import", confirm).body()).as("imported once, then gone")
                .contains("upload it again");
    }
}
