package io.dashtam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser stand-in for OAuth flows: no bearer token, trusts the app's test CA and the fake providers' CA, follows
 * no redirect by itself (each step stays visible to the test) and keeps cookies per host, as a browser does.
 */
public final class Browser {

    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(TestTls.trusting(ProviderTestCa.instance().trustBundle()))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
    }

    /** Like a browser's fetch from a script: asks for JSON, to see the problem details. */
    public HttpResponse<String> getJson(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
    }

    public HttpResponse<String> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The target of a 302 redirect; fails the test for any other answer. */
    public static String location(HttpResponse<String> response) {
        if (response.statusCode() != 302) {
            throw new AssertionError("expected a 302 redirect: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no Location on a 302: " + response.body()));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        builder.timeout(Duration.ofSeconds(20)).header("User-Agent", "TestBrowser/1.0");
        HttpRequest request = builder.build();
        Map<String, String> jar = cookies.computeIfAbsent(request.uri().getHost(), host -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", jar.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))).build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(c -> {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                jar.put(pair.substring(0, eq), pair.substring(eq + 1));
            });
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
