package io.dashtam.providers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Provider settings ({@code dashtam.providers.*}); see application.yml for the environment variables. */
@ConfigurationProperties("dashtam.providers")
record ProvidersProperties(
        String outboundCaFile,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("10m") Duration stateTtl,
        @DefaultValue("5m") Duration refreshBeforeExpiry,
        @DefaultValue("156h") Duration reauthAfter,
        @DefaultValue("7d") Duration refreshTokenLifetime,
        @DefaultValue("100") int refreshBatchSize,
        @DefaultValue Listener callbackListener,
        @DefaultValue Schwab schwab,
        @DefaultValue Sandbox sandbox) {

    /** The standalone HTTPS listener serving the registered redirect URI (e.g. https://127.0.0.1:8182). */
    record Listener(@DefaultValue("true") boolean enabled, @DefaultValue("127.0.0.1") String address,
            @DefaultValue("8182") int port) {
    }

    record Schwab(String clientId, String clientSecret, @DefaultValue("https://127.0.0.1:8182") String redirectUri,
            @DefaultValue("https://api.schwabapi.com") String authBaseUrl,
            @DefaultValue("https://api.schwabapi.com") String apiBaseUrl, @DefaultValue("false") boolean pkce) {

        boolean configured() {
            return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
        }
    }

    /**
     * The built-in sandbox brokerage. {@code publicBaseUrl} is where the app is reached (blank: https://localhost
     * on the app's own port); {@code redirectUri} blank means the app's own {@code /oauth/sandbox/callback}.
     */
    record Sandbox(@DefaultValue("true") boolean enabled, @DefaultValue("dashtam-sandbox") String clientId,
            @DefaultValue("sandbox-client-secret") String clientSecret, String publicBaseUrl, String redirectUri) {
    }
}
