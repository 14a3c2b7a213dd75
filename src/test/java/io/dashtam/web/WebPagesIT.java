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
}
