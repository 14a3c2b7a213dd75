package io.dashtam.providers;

import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * A ready-to-use handle on a connection's provider API, handed to its {@link ProviderAdapter}: the API lives under
 * {@code apiBaseUrl}, and {@code accessToken} is the connection's current credential (an OAuth access token,
 * refreshed first; for a pasted credential, the stored secret). The client trusts the JDK's CAs plus
 * {@code DASHTAM_OUTBOUND_CA_FILE}; set a per-request timeout on each call.
 */
public record ProviderSession(ConnectionId id, UserId userId, String providerKey, URI apiBaseUrl, Secret accessToken,
        HttpClient httpClient, RequestBudget requestBudget) {

    /**
     * The connection's own request budget ({@link ProviderLimits#perConnection()}): the adapter spends one right
     * before each request it sends. Throws {@link ProviderCallException} (the run fails with when the next request
     * fits) when it is spent; never waits.
     */
    @FunctionalInterface
    public interface RequestBudget {
        RequestBudget UNLIMITED = () -> { };

        void spend();
    }

    /** A session whose provider declares no budget per connection. */
    public ProviderSession(ConnectionId id, UserId userId, String providerKey, URI apiBaseUrl, Secret accessToken,
            HttpClient httpClient) {
        this(id, userId, providerKey, apiBaseUrl, accessToken, httpClient, RequestBudget.UNLIMITED);
    }

    public ProviderSession {
        Objects.requireNonNull(requestBudget, "requestBudget");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(httpClient, "httpClient");
    }

    /** The same session sending through {@code client} (e.g. one that waits for the provider's shared budget). */
    public ProviderSession withHttpClient(HttpClient client) {
        return new ProviderSession(id, userId, providerKey, apiBaseUrl, accessToken, client, requestBudget);
    }

    /** {@code apiBaseUrl} joined with an absolute path such as {@code /trader/v1/accounts}. */
    public URI resolve(String pathAndQuery) {
        String base = apiBaseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }
}
