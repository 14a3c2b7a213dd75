package io.dashtam.providers;

import io.dashtam.testing.ProviderTestCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser stand-in for the OAuth dance: trusts the app's test CA and the fake providers' CA (the JDK's too),
 * follows no redirect by itself and keeps the one cookie that matters, so each step is visible to the test.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder()
            .sslContext(OutboundTls.sslContext(ProviderTestCa.instance().trustBundle()))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String cookie;

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
    }

    /** Like a browser's fetch from a script: asks for JSON, to see the problem details. */
    HttpResponse<String> getJson(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
    }

    HttpResponse<String> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        builder.timeout(Duration.ofSeconds(20)).header("User-Agent", "TestBrowser/1.0");
        if (cookie != null) {
            builder.header("Cookie", OAuthFlow.COOKIE + "=" + cookie);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(OAuthFlow.COOKIE + "="))
                    .findFirst().ifPresent(c -> cookie = c.substring(OAuthFlow.COOKIE.length() + 1, c.indexOf(';')));
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "no redirect: " + response.statusCode() + " " + response.body()));
    }
}
