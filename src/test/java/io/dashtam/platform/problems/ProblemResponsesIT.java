package io.dashtam.platform.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.TestClient;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed requests get RFC 9457 problem+json 4xx answers with a trace id: never HTML, never a stack trace. */
class ProblemResponsesIT extends IntegrationTest {

    private static void assertProblem(TestClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        var body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("traceId").asString()).isEqualTo(response.header("X-Trace-Id"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
    }

    @Test
    void unknownPathIs404() {
        assertProblem(newUser().client().get("/api/v1/does-not-exist"), 404);
        assertProblem(newUser().client().get("/nothing/here"), 404);
    }

    @Test
    void missingTokenIs401() {
        assertProblem(api().get("/api/v1/users/me"), 401);
        assertThat(api().get("/api/v1/users/me").header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(newUser().client().send("PUT", "/health", null, null, Map.of()), 405);
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(api().send("POST", "/api/v1/users", "text/plain", "hello", Map.of()), 415);
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        var response = api().send("POST", "/api/v1/users", "application/json",
                "{\"email\": \"a@b.org\", \"password\": \"sekrit-in-broken-json", Map.of());
        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("sekrit-in-broken-json");
    }

    @Test
    void oversizedBodyIs413ByContentLength() {
        String big = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(api().send("POST", "/api/v1/users", "application/json", big, Map.of()), 413);
    }

    /**
     * Issue 24: a 3 MB body got no answer over HTTP/2 (curl: stream reset): the 413 carried Connection: close, a
     * header HTTP/2 forbids. Now HTTP/2 gets a clean 413 problem, HTTP/1.1 the same with Connection: close, and a
     * browser's form post a page.
     */
    @Test
    void aThreeMegabyteBodyIs413OverHttp2AndHttp11AndAPageForABrowser() throws Exception {
        String big = "{\"provider\":\"" + "x".repeat(3_000_000) + "\"}";
        // OkHttp reads an answer that comes before the whole body was sent, as browsers and curl do (JDK 17's own
        // HTTP/2 client does not: it fails the exchange).
        var tls = io.dashtam.testing.TestTls.instance();
        for (var protocol : java.util.List.of(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1)) {
            var client = new okhttp3.OkHttpClient.Builder()
                    .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
                    .protocols(protocol == okhttp3.Protocol.HTTP_2 ? java.util.List.of(protocol,
                            okhttp3.Protocol.HTTP_1_1) : java.util.List.of(protocol)).build();
            try (var response = client.newCall(new okhttp3.Request.Builder().url(api().baseUrl()
                    + "/api/v1/connections").post(okhttp3.RequestBody.create(big,
                            okhttp3.MediaType.get("application/json"))).build()).execute()) {
                assertThat(response.protocol()).isEqualTo(protocol);
                assertThat(response.code()).isEqualTo(413);
                assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(response.body().string()).contains("\"status\":413");
                // HTTP/2 forbids connection headers: a client resets a stream that carries one (curl did).
                assertThat(response.header("Connection")).as(protocol.toString())
                        .isEqualTo(protocol == okhttp3.Protocol.HTTP_2 ? null : "close");
            }
        }
        // The import page takes a statement of up to 20 MB with its form: over its own limit.
        String tooBig = "x".repeat(22 * 1024 * 1024);
        var page = api().send(api().request("/app/import").setHeader("Accept", "text/html,application/xhtml+xml")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString(tooBig)));
        assertThat(page.status()).isEqualTo(413);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("too large").contains("MB");
        assertThat(page.header("Content-Security-Policy")).isNotNull();
    }

    @Test
    void oversizedChunkedBodyIs413() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes();
        var chunks = new java.util.ArrayList<byte[]>();
        chunks.add("{\"name\":\"".getBytes()); // valid JSON so far: the parser keeps reading
        chunks.addAll(java.util.Collections.nCopies(40, chunk)); // 2.5 MB with no Content-Length
        var request = api().request("/api/v1/users").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(() -> new java.util.ArrayList<>(chunks).iterator()));
        assertProblem(api().send(request), 413);
    }

    @Test
    void invalidFieldsAre422NamingThem() {
        var response = api().post("/api/v1/users", Map.of("email", "not-an-email", "password", "short",
                "name", "N"));
        assertProblem(response, 422);
        assertThat(response.json().get("detail").asString()).contains("email");
    }

    @Test
    void rootListsNameVersionAndTheApi() {
        var response = api().get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("Dashtam");
        assertThat(response.body()).contains("/api/v1/users");
    }
}
