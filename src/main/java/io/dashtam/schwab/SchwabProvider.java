package io.dashtam.schwab;

import io.dashtam.core.Secret;
import io.dashtam.providers.OAuthClientSettings;
import java.net.URI;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Charles Schwab: listed always, connectable once its client id and secret are set. */
@Component
@Order(10)
class SchwabProvider extends TraderApiProvider {

    private final SchwabProperties properties;

    SchwabProvider(SchwabProperties properties) {
        this.properties = properties;
    }

    @Override
    public String key() {
        return "schwab";
    }

    @Override
    public String displayName() {
        return "Charles Schwab";
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public Optional<OAuthClientSettings> oauthClient() {
        if (!properties.configured()) {
            return Optional.empty();
        }
        // SCHWAB_AUTH_BASE_URL is the host (https://api.schwabapi.com); a value ending in /v1/oauth is tolerated.
        String auth = trimSlash(properties.authBaseUrl()).replaceFirst("/v1/oauth$", "");
        return Optional.of(new OAuthClientSettings(key(), URI.create(auth + "/v1/oauth/authorize"),
                URI.create(auth + "/v1/oauth/token"), URI.create(trimSlash(properties.apiBaseUrl())),
                properties.clientId(), new Secret(properties.clientSecret()), properties.redirectUri(),
                properties.pkce()));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
