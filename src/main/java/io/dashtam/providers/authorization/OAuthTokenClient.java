package io.dashtam.providers.authorization;

import io.dashtam.core.Secret;
import io.dashtam.providers.OAuthClientSettings;
import io.dashtam.providers.outbound.OutboundHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schwab's token protocol (the sandbox speaks it too): {@code POST {base}/v1/oauth/token}, HTTP Basic
 * {@code base64(client_id:client_secret)}, a form body with {@code grant_type=authorization_code&code&redirect_uri}
 * or {@code grant_type=refresh_token&refresh_token}. Values are form-encoded exactly once, so Schwab's code
 * ending in {@code @} travels as {@code %40} and arrives as it was issued.
 */
@Component
public class OAuthTokenClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A successful token response. {@code refreshToken} may be absent on a refresh (keep the old one). */
    public record TokenGrant(Secret accessToken, Secret refreshToken, Secret idToken, String tokenType, String scope,
            long expiresInSeconds) {
    }

    private final OutboundHttp http;

    OAuthTokenClient(OutboundHttp http) {
        this.http = http;
    }

    public TokenGrant exchangeCode(OAuthClientSettings client, String code, String redirectUri,
            String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        TokenGrant response = post(client, form);
        if (response.refreshToken() == null) {
            throw new TokenEndpointException(TokenEndpointException.TokenFailure.MALFORMED,
                    "token response without a refresh token");
        }
        return response;
    }

    public TokenGrant refresh(OAuthClientSettings client, Secret refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.value());
        return post(client, form);
    }

    private TokenGrant post(OAuthClientSettings client, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString(
                (client.clientId() + ":" + client.clientSecret().value()).getBytes(StandardCharsets.UTF_8));
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(client.tokenUri()).timeout(http.requestTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw unavailable("timed out");
        } catch (SSLException e) {
            throw unavailable("TLS handshake failed (untrusted or invalid certificate)");
        } catch (IOException e) {
            throw unavailable(e.getCause() instanceof SSLException
                    ? "TLS handshake failed (untrusted or invalid certificate)" : "connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        return parse(response);
    }

    private static TokenGrant parse(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            throw unavailable("HTTP " + status); // worth retrying later, not a verdict on the grant
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            json = null;
        }
        if (status != 200) {
            String error = json == null ? "" : json.path("error").asString("");
            if (status == 401 || error.equals("invalid_client") || error.equals("unauthorized_client")) {
                throw new TokenEndpointException(TokenEndpointException.TokenFailure.INVALID_CLIENT,
                        "client authentication refused (HTTP " + status + (error.isEmpty() ? "" : ", " + safe(error))
                                + ")");
            }
            throw new TokenEndpointException(TokenEndpointException.TokenFailure.INVALID_GRANT,
                    "grant refused (HTTP " + status + (error.isEmpty() ? "" : ", " + safe(error)) + ")");
        }
        if (json == null || !json.isObject()) {
            throw malformed("not a JSON object");
        }
        String access = text(json, "access_token");
        String type = text(json, "token_type");
        if (access == null || type == null || !type.equalsIgnoreCase("Bearer")) {
            throw malformed("missing access_token or a Bearer token_type");
        }
        JsonNode expires = json.get("expires_in");
        if (expires == null || !expires.canConvertToLong() || expires.asLong() <= 0 || expires.asLong() > 86_400) {
            throw malformed("missing or absurd expires_in");
        }
        String refresh = text(json, "refresh_token");
        String id = text(json, "id_token");
        return new TokenGrant(new Secret(access), refresh == null ? null : new Secret(refresh),
                id == null ? null : new Secret(id), "Bearer", text(json, "scope"), expires.asLong());
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isString() && !node.asString().isEmpty() ? node.asString() : null;
    }

    /** Provider error codes are short tokens; anything else is not echoed. */
    private static String safe(String error) {
        return error.matches("[a-z_]{1,40}") ? error : "error";
    }

    private static TokenEndpointException unavailable(String why) {
        return new TokenEndpointException(TokenEndpointException.TokenFailure.UNAVAILABLE,
                "token endpoint unavailable: " + why);
    }

    private static TokenEndpointException malformed(String why) {
        return new TokenEndpointException(TokenEndpointException.TokenFailure.MALFORMED,
                "malformed token response: " + why);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
