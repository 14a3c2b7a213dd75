package io.dashtam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.RawHttps;
import io.dashtam.testing.TestTls;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One header setup for every answer: the API's chain, the pages' chain, static assets, the docs and what Tomcat
 * answers itself all carry exactly the values {@link SecurityHeaders} defines, each once.
 */
class SecurityHeadersIT extends IntegrationTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "Content-Security-Policy", SecurityHeaders.CSP,
            "Strict-Transport-Security", SecurityHeaders.HSTS,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    @Test
    void everyChainSendsTheSameHeadersOnce() {
        Map<String, HttpHeaders> answers = new LinkedHashMap<>();
        answers.put("api 200", api().get("/health").raw().headers());
        answers.put("api 401", api().get("/api/v1/accounts").raw().headers());
        answers.put("docs 302", api().get("/docs").raw().headers());
        answers.put("page 200", api().send("GET", "/app/signin", null, null, Map.of("Accept", "text/html")).raw()
                .headers());
        answers.put("page 303", api().send("GET", "/app", null, null, Map.of("Accept", "text/html")).raw().headers());
        answers.put("page 403 (no CSRF token)", api().send("POST", "/app/signin",
                "application/x-www-form-urlencoded", "email=a%40example.org&password=x",
                Map.of("Accept", "text/html")).raw().headers());
        answers.put("asset 200", api().get("/assets/dashtam.css").raw().headers());
        var favicon = api().get("/favicon.ico");
        assertThat(favicon.status()).isEqualTo(301);
        assertThat(favicon.raw().headers().firstValue("Location")).hasValue("/assets/favicon.svg");
        answers.put("favicon 301", favicon.raw().headers());
        var icon = api().get("/assets/favicon.svg");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("image/svg+xml"));
        answers.put("icon 200", icon.raw().headers());
        answers.forEach((what, headers) -> EXPECTED.forEach((name, value) ->
                assertThat(headers.allValues(name)).as(what + ": " + name).containsExactly(value)));
    }

    @Test
    void answersTomcatGivesItselfCarryTheSameHeaders() throws Exception {
        try (var http = new RawHttps(TestTls.instance().sslContext(), port)) {
            var trace = http.exchange("TRACE", "TRACE / HTTP/1.1\r\nHost: localhost\r\nConnection: close", null);
            assertThat(trace.status()).isEqualTo(405);
            EXPECTED.forEach((name, value) -> assertThat(trace.headers().stream()
                    .filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList())
                    .as(name).isEqualTo(List.of(value)));
        }
    }
}
