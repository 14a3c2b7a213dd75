package io.dashtam.providers;

import io.dashtam.core.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * Where and how the providers module runs the authorization-code flow and token calls for one REDIRECT provider:
 * authorize and token endpoints, the client credentials (sent as HTTP Basic), the registered redirect URI, whether
 * PKCE is used, and where the provider's data API lives.
 */
public record OAuthClientSettings(String providerKey, URI authorizeUri, URI tokenUri, URI apiBaseUrl,
        String clientId, Secret clientSecret, String redirectUri, boolean pkce) {

    public OAuthClientSettings {
        Objects.requireNonNull(providerKey, "providerKey");
        Objects.requireNonNull(authorizeUri, "authorizeUri");
        Objects.requireNonNull(tokenUri, "tokenUri");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(clientSecret, "clientSecret");
        if (clientId == null || clientId.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            throw new IllegalArgumentException("an OAuth client needs a client id and a redirect URI");
        }
    }
}
