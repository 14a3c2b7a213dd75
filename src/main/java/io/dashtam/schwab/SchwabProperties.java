package io.dashtam.schwab;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Schwab's client ({@code dashtam.providers.schwab.*}; environment variables in application.yml). The redirect URI
 * is the one registered with Schwab (dev: the callback listener, https://127.0.0.1:8182).
 */
@ConfigurationProperties("dashtam.providers.schwab")
record SchwabProperties(String clientId, String clientSecret,
        @DefaultValue("https://127.0.0.1:8182") String redirectUri,
        @DefaultValue("https://api.schwabapi.com") String authBaseUrl,
        @DefaultValue("https://api.schwabapi.com") String apiBaseUrl, @DefaultValue("false") boolean pkce) {

    boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }
}
