package io.dashtam.providers;

import io.dashtam.core.Secret;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The provider types Dashtam knows: Charles Schwab, the built-in sandbox brokerage (unless disabled, as in prod)
 * and file import. OAuth endpoints are resolved per call, so the sandbox follows the app's actual port.
 */
@Component
class ProviderRegistry {

    static final String SCHWAB = "schwab";
    static final String SANDBOX = "sandbox";
    static final String FILE = "file";

    /** One provider type, as listed by {@code GET /api/v1/providers}. */
    record ProviderType(String key, String name, String category, String authKind, List<String> features,
            boolean configured) {

        boolean usesOAuth() {
            return authKind.equals("oauth2");
        }
    }

    /** Where and how to run the authorization-code flow against one provider. */
    record OAuthClient(String providerKey, URI authorizeUri, URI tokenUri, URI apiBaseUrl, String clientId,
            Secret clientSecret, String redirectUri, boolean pkce) {
    }

    private static final List<String> BROKERAGE_FEATURES = List.of("accounts", "balances", "positions",
            "transactions");

    private final ProvidersProperties properties;
    private final Environment environment;
    private final List<ProviderAdapter> adapters;

    ProviderRegistry(ProvidersProperties properties, Environment environment,
            org.springframework.beans.factory.ObjectProvider<ProviderAdapter> adapters) {
        this.properties = properties;
        this.environment = environment;
        this.adapters = adapters.orderedStream().toList();
    }

    Optional<ProviderAdapter> adapter(String key) {
        return adapters.stream().filter(a -> a.key().equals(key)).findFirst();
    }

    List<ProviderType> all() {
        var list = new java.util.ArrayList<ProviderType>();
        list.add(new ProviderType(SCHWAB, "Charles Schwab", "brokerage", "oauth2", BROKERAGE_FEATURES,
                properties.schwab().configured()));
        if (properties.sandbox().enabled()) {
            list.add(new ProviderType(SANDBOX, "Sandbox Brokerage (sample data)", "brokerage", "oauth2",
                    BROKERAGE_FEATURES, true));
        }
        list.add(new ProviderType(FILE, "File import (OFX/QFX, CSV)", "file", "none", List.of("import"), true));
        return List.copyOf(list);
    }

    Optional<ProviderType> find(String key) {
        return all().stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The OAuth client for an OAuth provider; empty for file import, a disabled sandbox or an unknown key. */
    Optional<OAuthClient> oauth(String key) {
        if (SCHWAB.equals(key)) {
            var s = properties.schwab();
            if (!s.configured()) {
                return Optional.empty();
            }
            // SCHWAB_AUTH_BASE_URL is the host (https://api.schwabapi.com); a value ending in /v1/oauth is tolerated.
            String auth = trimSlash(s.authBaseUrl()).replaceFirst("/v1/oauth$", "");
            return Optional.of(new OAuthClient(SCHWAB, URI.create(auth + "/v1/oauth/authorize"),
                    URI.create(auth + "/v1/oauth/token"), URI.create(trimSlash(s.apiBaseUrl())), s.clientId(),
                    new Secret(s.clientSecret()), s.redirectUri(), s.pkce()));
        }
        if (SANDBOX.equals(key) && properties.sandbox().enabled()) {
            var s = properties.sandbox();
            String app = appBaseUrl();
            String sandbox = app + "/sandbox";
            String redirect = s.redirectUri() == null || s.redirectUri().isBlank()
                    ? app + "/oauth/sandbox/callback" : s.redirectUri();
            return Optional.of(new OAuthClient(SANDBOX, URI.create(sandbox + "/v1/oauth/authorize"),
                    URI.create(sandbox + "/v1/oauth/token"), URI.create(sandbox), s.clientId(),
                    new Secret(s.clientSecret()), redirect, true));
        }
        return Optional.empty();
    }

    java.time.Duration reauthAfter() {
        return properties.reauthAfter();
    }

    /** Where browsers and the app itself reach this app: configured, or https://localhost on the bound port. */
    String appBaseUrl() {
        String configured = properties.sandbox().publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return trimSlash(configured);
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8000"));
        return "https://localhost:" + port;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
