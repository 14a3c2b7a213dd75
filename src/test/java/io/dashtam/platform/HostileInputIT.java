package io.dashtam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.RawHttps;
import io.dashtam.testing.TestClient;
import io.dashtam.testing.TestTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The inputs issue 11 found answering 500 or HTML, each now a 4xx problem+json with the security headers that
 * changes nothing; and what Tomcat rejects before Spring, sent as raw bytes over TLS.
 */
class HostileInputIT extends IntegrationTest {

    private static final String JSON = "application/json";

    private static void assertProblem(int status, String contentType, String body, Map<String, String> headers,
            int expected) {
        assertThat(status).as(body).isEqualTo(expected);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = TestClient.JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(expected);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(body).doesNotContain("java.", "Exception", "<html", "Tomcat");
        assertThat(headers.get("strict-transport-security")).contains("max-age=");
        assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(headers.get("x-frame-options")).isEqualTo("DENY");
        assertThat(headers.get("content-security-policy")).contains("default-src 'none'");
        assertThat(headers.get("referrer-policy")).isEqualTo("no-referrer");
        assertThat(headers).doesNotContainKey("server");
    }

    private static void assertProblem(TestClient.Response r, int expected) {
        var headers = new java.util.HashMap<String, String>();
        r.raw().headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        assertProblem(r.status(), r.contentType(), r.body(), headers, expected);
    }

    private RawHttps.Response raw(String head, String body) throws IOException {
        try (var http = new RawHttps(TestTls.instance().sslContext(), port)) {
            String method = head.substring(0, head.indexOf(' '));
            return http.exchange(method, head, body == null ? null : body.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertProblem(RawHttps.Response r, int expected) {
        var headers = new java.util.HashMap<String, String>();
        r.headers().forEach(h -> headers.putIfAbsent(h[0].toLowerCase(), h[1]));
        assertProblem(r.status(), r.header("Content-Type"), r.text(), headers, expected);
    }

    @Test
    void theErrorPathIsNotAnEndpoint() {
        assertProblem(api().get("/error"), 404);
        assertProblem(api().send("POST", "/error", JSON, "{}", Map.of()), 404);
        assertThat(api().get("/docs/openapi").json().get("paths").has("/error")).isFalse();
    }

    @Test
    void wildcardOrOddContentTypesAre415() {
        for (String type : new String[] {"*/*", "application/*", "application/json;charset=bogus", ";;"}) {
            assertProblem(api().send("POST", "/api/v1/password-resets", type, "{\"email\":\"a@b.co\"}", Map.of()),
                    415);
        }
        var user = newUser();
        assertProblem(user.client().send("PATCH", "/api/v1/connections/" + java.util.UUID.randomUUID(), "*/*",
                "{\"alias\":\"x\"}", Map.of()), 415);
    }

    @Test
    void malformedQueryAndFormParametersAre400() throws IOException {
        var user = newUser();
        for (String query : new String[] {"a=%zz", "=", "%", "%FF=1", "%00=1", "symbol=%00", "a=%01"}) {
            assertProblem(raw("GET /api/v1/transactions?" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + user.accessToken() + "\r\nConnection: close", null), 400);
        }
        assertProblem(raw("GET /oauth/connect?= HTTP/1.1\r\nHost: localhost\r\nConnection: close", null), 400);
        assertProblem(raw("GET /oauth/sandbox/callback?%00=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close",
                null), 400);
        assertProblem(raw("POST /sandbox/v1/oauth/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3", "%%%"), 400);
    }

    @Test
    void textPostgresCannotStoreIs400AndStoresNothing() {
        assertProblem(api().send("POST", "/api/v1/password-resets", JSON, "{\"email\":\"a\\u0000b@example.org\"}",
                Map.of()), 400);
        assertProblem(api().send("POST", "/api/v1/sessions", JSON,
                "{\"email\":\"x@example.org\",\"password\":\"\\ud800\"}", Map.of()), 400);
        assertProblem(api().send("POST", "/api/v1/users", JSON, "{\"email\":\"nul@example.org\",\"password\":\""
                + PASSWORD + "\",\"name\":\"a\\u0000b\"}", Map.of()), 400);
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = 'nul@example.org'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void datesAndCursorsOutOfRangeAre422() {
        var user = newUser().client();
        assertProblem(user.get("/api/v1/transactions?from=-999999999-01-01"), 422);
        assertProblem(user.get("/api/v1/transactions?to=%2B999999999-12-31"), 422);
        assertProblem(user.get("/api/v1/net-worth/history?to=-4713-11-24"), 422);
        assertProblem(user.get("/api/v1/transactions?cursor=LTkyMjMzNzIwMzY4NTQ3NzU4MDg6MQ"), 422);
        assertThat(user.get("/api/v1/transactions?from=2024-01-01&to=2024-02-01").status()).isEqualTo(200);
    }

    @Test
    void aRepeatedParameterShowsNoJavaInternals() {
        var response = newUser().client().get("/api/v1/holdings?accountId=x&accountId=y");
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("[L").contains("accountId");
    }

    @Test
    void aGetOnlyCallbackAnsweredWithPostIs405() {
        assertProblem(api().send("POST", "/oauth/sandbox/callback", null, null, Map.of()), 405);
    }

    @Test
    void whatTomcatRejectsIsProblemJsonWithTheHeaders() throws IOException {
        String close = "\r\nConnection: close";
        assertProblem(raw("GET /api/v1/%5C HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("GET /api/v1/users%2Fme HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("GET / HTTP/1.1\r\nHost: localhost\r\nHost: other" + close, null), 400);
        assertProblem(raw("POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 3" + close, "{}"), 400);
        assertProblem(raw("POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked" + close, "0\r\n\r\n"), 400);
        assertProblem(raw("GET / HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b" + close, null), 400);
        assertProblem(raw("GET /?a=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("GET / HTTP/1.1\r\nHost: localhost\r\nX-A: " + "x".repeat(20_000) + close, null), 400);
        assertProblem(raw("CONNECT /api/v1/users HTTP/1.1\r\nHost: localhost" + close, null), 405);
    }

    @Test
    void firewallRejectionsTraceAndUnsatisfiableAcceptCarryBodyAndHeaders() throws IOException {
        String close = "\r\nConnection: close";
        assertProblem(raw("FOO / HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("GET /api/v1/users;x=1/me HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("GET /api/v1/../../health HTTP/1.1\r\nHost: localhost" + close, null), 400);
        assertProblem(raw("TRACE / HTTP/1.1\r\nHost: localhost" + close, null), 405);
        assertProblem(raw("GET /health HTTP/1.1\r\nHost: localhost\r\nAccept: image/png" + close, null), 406);
        assertProblem(raw("GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nAccept: a/b/c" + close, null), 401);
        assertProblem(raw("POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000000" + close, "{}"), 413);
    }
}
