package io.dashtam.sandbox;

import io.dashtam.core.Secret;
import io.dashtam.providers.OAuthClientSettings;
import io.dashtam.schwab.TraderApiProvider;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The sandbox brokerage as a provider: Schwab's protocols against this app's own {@code /sandbox} endpoints, so its
 * endpoints follow the app's actual port. Registered only where the sandbox is enabled.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxProvider extends TraderApiProvider {

    static final String KEY = "sandbox";

    private final SandboxProperties properties;
    private final Environment environment;

    SandboxProvider(SandboxProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Sandbox Brokerage (sample data)";
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Optional<OAuthClientSettings> oauthClient() {
        return Optional.of(client());
    }

    OAuthClientSettings client() {
        String app = appBaseUrl();
        String sandbox = app + "/sandbox";
        String redirect = properties.redirectUri() == null || properties.redirectUri().isBlank()
                ? app + "/oauth/sandbox/callback" : properties.redirectUri();
        return new OAuthClientSettings(KEY, URI.create(sandbox + "/v1/oauth/authorize"),
                URI.create(sandbox + "/v1/oauth/token"), URI.create(sandbox), properties.clientId(),
                new Secret(properties.clientSecret()), redirect, true);
    }

    /** Where browsers and the app itself reach this app: configured, or https://localhost on the bound port. */
    private String appBaseUrl() {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8000"));
        return "https://localhost:" + port;
    }
}
