package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.RawHttps;
import io.dashtam.testing.TestTls;
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

    private RawHttps.Response raw(String head, String body) throws java.io.IOException {
        try (var http = new RawHttps(TestTls.instance().sslContext(), port)) {
            return http.exchange(head.substring(0, head.indexOf(' ')), head + "\r\nConnection: close",
                    body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** An HTML page with the security headers, words and a way back: never problem+json. */
    private static void assertPage(RawHttps.Response r, int status, String what) {
        assertThat(r.status()).as(what + ": " + r.text()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(what).startsWith("text/html");
        assertThat(r.header("Content-Security-Policy")).as(what).contains("script-src 'self'").doesNotContain("unsafe");
        assertThat(r.header("Strict-Transport-Security")).as(what).contains("max-age=");
        assertThat(r.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(r.text()).as(what).startsWith("<!DOCTYPE html>").contains("<h1>")
                .contains("<link rel=\"stylesheet\" href=\"/assets/dashtam.css\">").contains("<a href=\"/app")
                .doesNotContain("problem").doesNotContain("Exception").doesNotContain("Tomcat");
    }

    /**
     * Issue 28: what the edge refuses on a page route (the request filter, the firewall, Tomcat, the body limit, a
     * method or media type no page takes) answered a browser with problem+json; now a page with a way back. The JSON
     * API keeps problem+json for the same requests.
     */
    @Test
    void everyEdgeRefusalOnAPageRouteIsAnHtmlPageAndTheApiKeepsProblemJson() throws Exception {
        String get = " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html";
        assertPage(raw("GET /app/transactions?q=100%" + get, null), 400, "a lone % (RequestSanityFilter)");
        var form = raw("POST /app/signin HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 13", "alias=my%0Bbk");
        assertPage(form, 400, "a control character in a form");
        assertPage(raw("POST /app/signin HTTP/1.1\r\nHost: localhost\r\nContent-Type: */*\r\nContent-Length: 1",
                "x"), 415, "Content-Type */*");
        assertPage(raw("GET /app;x=1" + get, null), 400, "the firewall");
        assertPage(raw("FOO /app" + get, null), 400, "a method the firewall refuses");
        assertPage(raw("TRACE /app" + get, null), 405, "TRACE (Tomcat)");
        assertPage(raw("CONNECT /app/settings" + get, null), 405, "CONNECT (Tomcat)");
        assertPage(raw("GET /app/a%2Fb" + get, null), 400, "an encoded slash (Tomcat)");
        String cookies = java.util.stream.IntStream.range(0, 300).mapToObj(i -> "c" + i + "=v")
                .collect(java.util.stream.Collectors.joining("; "));
        assertPage(raw("GET /app/settings" + get + "\r\nCookie: " + cookies, null), 400, "300 cookies");
        String big = "x".repeat(1_100_000);
        var tooLarge = raw("POST /app/signin HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: " + big.length(), big);
        assertPage(tooLarge, 413, "1.1 MB to a form (BodySizeLimitFilter)");
        assertThat(tooLarge.text()).contains("at most 1 MB");
        // Refused by its Content-Length alone, before a byte of the body is read.
        var tooLargeFile = raw("POST /app/import HTTP/1.1\r\nHost: localhost\r\nContent-Type: multipart/form-data; "
                + "boundary=b\r\nContent-Length: 40000000", "--b--");
        assertPage(tooLargeFile, 413, "a 40 MB statement (BodySizeLimitFilter)");
        assertThat(tooLargeFile.text()).containsPattern("at most \\d+ MB")
                .contains("href=\"/app/import\">Back to Import");
        assertPage(raw("PUT /app/signin HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2", "{}"), 403, "a method no page takes");

        // The API: the same refusals stay problem+json.
        for (var r : java.util.List.of(raw("GET /api/v1/transactions?q=100%" + get, null),
                raw("GET /api/v1;x=1" + get, null), raw("TRACE /api/v1/accounts" + get, null),
                raw("GET /api/v1/a%2Fb" + get, null))) {
            assertThat(r.header("Content-Type")).as(r.text()).startsWith("application/problem+json");
        }
    }

    /** Verifies from the dev outbox's mail; an admin email becomes an admin only once verified. */
    private void verifyEmail(String email) {
        String link = Pages.mailedLink(jdbc, email, "Verify");
        String token = java.net.URLDecoder.decode(link.substring(link.indexOf("token=") + 6),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(api().post("/api/v1/email-verifications", Map.of("token", token)).status()).isBetween(200, 204);
    }

    /** A signed-in user opening the sign-in page goes to the dashboard, not a second sign-in. */
    @Test
    void aSignedInUserOnTheSignInPageIsTakenToTheDashboard() {
        var session = PageSession.signIn(api(), newUser().email());
        var signin = session.get("/app/signin");
        assertThat(signin.status()).isEqualTo(302);
        assertThat(signin.header("Location")).endsWith("/app");
    }

    /** The admin's own row offers no "Disable"; forcing it anyway is a message on the page, not a bare 409 page. */
    @Test
    void anAdminCannotDisableThemselvesAndIsToldSoOnThePage() {
        var admin = newUser("admin@dashtam.test");
        verifyEmail(admin.email());
        var session = PageSession.signIn(api(), admin.email());
        String page = session.get("/app/admin").body();
        assertThat(page).doesNotContain("/app/admin/users/" + admin.userId() + "/disable");
        var forced = session.post("/app/admin", "/app/admin/users/" + admin.userId() + "/disable", Map.of());
        assertThat(forced.status()).isEqualTo(409);
        assertThat(forced.contentType()).startsWith("text/html");
        assertThat(forced.body()).contains("id=\"user-error\"").contains("An admin cannot disable their own account")
                .contains("<h1>Users</h1>");
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
