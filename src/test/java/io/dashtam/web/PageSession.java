package io.dashtam.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A signed-in browser without a browser: the session and CSRF cookies, and form posts with the page's token. */
public final class PageSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TestClient api;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private PageSession(TestClient api) {
        this.api = api;
    }

    public static PageSession signIn(TestClient api, String email) {
        PageSession session = new PageSession(api);
        var signedIn = session.post("/app/signin", "/app/signin",
                Map.of("email", email, "password", IntegrationTest.PASSWORD));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
        assertThat(session.sessionCookie()).isNotNull();
        return session;
    }

    /** {@code __Host-dashtam-session=...}, as a Cookie header carries it. */
    String sessionCookie() {
        String value = cookies.get(SessionCookieFilter.COOKIE);
        return value == null ? null : SessionCookieFilter.COOKIE + "=" + value;
    }

    /** A cookie the page's script would set (e.g. {@code tz}, the browser's time zone). */
    PageSession cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    public TestClient.Response get(String path) {
        return remember(api.send("GET", path, null, null, headers()));
    }

    /** Reads the form's CSRF token from {@code formPage}, then posts {@code fields} with it. */
    TestClient.Response post(String formPage, String path, Map<String, String> fields) {
        var form = get(formPage);
        var m = CSRF.matcher(form.body());
        assertThat(m.find()).as("a CSRF token on " + formPage).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", m.group(1));
        String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return remember(api.send("POST", path, "application/x-www-form-urlencoded", body, headers()));
    }

    /** A multipart form post (one file and text fields) with the CSRF token of {@code formPage}. */
    TestClient.Response postFile(String formPage, String path, Map<String, String> fields, String fileField,
            String fileName, byte[] content) {
        var form = get(formPage);
        var m = CSRF.matcher(form.body());
        assertThat(m.find()).as("a CSRF token on " + formPage).isTrue();
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", m.group(1));
        String boundary = "dashtam-" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers().forEach(request::header);
        return remember(api.send(request));
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html");
        if (!cookies.isEmpty()) {
            headers.put("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return headers;
    }

    private TestClient.Response remember(TestClient.Response response) {
        for (String set : response.raw().headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1);
            if (value.isEmpty()) {
                cookies.remove(pair.substring(0, eq));
            } else {
                cookies.put(pair.substring(0, eq), value);
            }
        }
        return response;
    }
}
