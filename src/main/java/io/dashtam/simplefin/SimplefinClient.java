package io.dashtam.simplefin;

import io.dashtam.simplefin.SimplefinException.SimplefinFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SimpleFIN protocol over HTTPS with certificate checks (the providers module's outbound client): claim a
 * setup token once, read {@code /accounts} for a window, look up a custom currency. Errors name the call and the
 * status, never the access URL.
 */
final class SimplefinClient {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** An access URL is ~150 characters; anything far larger is not one. */
    private static final int MAX_CLAIM_ANSWER = 4096;

    private final HttpClient http;
    private final Duration timeout;

    SimplefinClient(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** POSTs to the claim URL (once: a claim URL works only once) and returns the access URL. */
    SimplefinAccessUrl claim(SimplefinSetupToken token) {
        HttpRequest request = HttpRequest.newBuilder(token.claimUrl()).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<byte[]> response = send(request, "POST claim");
        if (response.statusCode() == 403) {
            throw new SimplefinException(SimplefinFailure.CLAIM_REFUSED, "POST claim answered HTTP 403");
        }
        if (response.statusCode() != 200) {
            throw new SimplefinException(SimplefinFailure.FAILED, "POST claim answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_CLAIM_ANSWER) {
            throw new SimplefinException(SimplefinFailure.FAILED,
                    "POST claim answered something that is not an access URL");
        }
        try {
            return SimplefinAccessUrl.of(new String(response.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new SimplefinException(SimplefinFailure.FAILED, "POST claim: " + e.getMessage());
        }
    }

    /** {@code GET /accounts} with pending transactions for [start, end) (epoch seconds, end exclusive). */
    SimplefinAccountSet accounts(SimplefinAccessUrl access, Instant start, Instant end) {
        URI uri = URI.create(access.base() + "/accounts?start-date=" + start.getEpochSecond() + "&end-date="
                + end.getEpochSecond() + "&pending=1");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", access.authorization().value()).header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response = send(request, "GET /accounts");
        switch (response.statusCode()) {
            case 200 -> {
            }
            case 402 -> throw new SimplefinException(SimplefinFailure.PAYMENT_REQUIRED,
                    "payment required at the bridge");
            case 403 -> throw new SimplefinException(SimplefinFailure.ACCESS_REVOKED,
                    "access revoked at the bridge: connect again with a new setup token");
            default -> throw new SimplefinException(SimplefinFailure.FAILED, "GET /accounts answered HTTP "
                    + response.statusCode());
        }
        try {
            return SimplefinAccountSet.parse(JSON.readTree(response.body()));
        } catch (JacksonException e) {
            throw new SimplefinException(SimplefinFailure.FAILED, "GET /accounts answered malformed JSON");
        } catch (IllegalArgumentException e) {
            throw new SimplefinException(SimplefinFailure.FAILED, "GET /accounts: " + e.getMessage());
        }
    }

    /** A custom currency's abbreviation (or name) from its URL; empty when it cannot be read. */
    Optional<String> customCurrency(URI currency) {
        if (!"https".equalsIgnoreCase(currency.getScheme()) || currency.getRawUserInfo() != null) {
            return Optional.empty();
        }
        try {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(currency).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), "GET currency");
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode node = JSON.readTree(response.body());
            String abbr = BridgeText.sanitize(node.path("abbr").asString(node.path("name").asString("")));
            return abbr.isEmpty() ? Optional.empty() : Optional.of(abbr.length() > 20 ? abbr.substring(0, 20) : abbr);
        } catch (SimplefinException | JacksonException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String name) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SimplefinException(SimplefinFailure.FAILED, name + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimplefinException(SimplefinFailure.FAILED, name + " interrupted");
        }
    }
}
