package io.dashtam.sandbox;

import io.dashtam.core.PublicAddress;
import io.dashtam.core.Secret;
import io.dashtam.providers.OAuthClientSettings;
import io.dashtam.schwab.TraderApiProvider;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
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
    private final PublicAddress app;

    SandboxProvider(SandboxProperties properties, PublicAddress app) {
        this.properties = properties;
        this.app = app;
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
        String app = this.app.base();
        String sandbox = app + "/sandbox";
        String redirect = properties.redirectUri() == null || properties.redirectUri().isBlank()
                ? app + "/oauth/sandbox/callback" : properties.redirectUri();
        return new OAuthClientSettings(KEY, URI.create(sandbox + "/v1/oauth/authorize"),
                URI.create(sandbox + "/v1/oauth/token"), URI.create(sandbox), properties.clientId(),
                new Secret(properties.clientSecret()), redirect, true);
    }
}
