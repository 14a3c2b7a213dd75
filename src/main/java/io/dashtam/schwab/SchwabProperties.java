package io.dashtam.schwab;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Schwab's client ({@code dashtam.providers.schwab.*}; environment variables in application.yml). The redirect URI
 * is the one registered with Schwab (dev: the callback listener, https://127.0.0.1:8182).
 */
@ConfigurationProperties("dashtam.providers.schwab")
record SchwabProperties(String clientId, String clientSecret,
        String redirectUri,
        String authBaseUrl,
        String apiBaseUrl, boolean pkce) {

    boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }
}
