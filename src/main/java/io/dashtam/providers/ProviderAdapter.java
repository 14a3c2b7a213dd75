package io.dashtam.providers;

import io.dashtam.core.Secret;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The provider port: one implementation per provider, registered as a Spring bean; the registry lists them and
 * the sync engine reaches a provider only through this interface. Adding a provider is one new package with
 * one adapter bean; nothing else names it.
 */
public interface ProviderAdapter {

    /** Stable key stored on connections, e.g. {@code schwab}; lower-case letters, digits and dashes. */
    String key();

    /** Shown to users, e.g. "Charles Schwab". */
    String displayName();

    /** {@code brokerage}, {@code bank}, ... (what the accounts are). */
    String category();

    ConnectKind connectKind();

    /** What the provider reports, e.g. accounts, balances, positions, transactions. */
    List<String> features();

    CredentialPolicy credentialPolicy();

    ProviderLimits limits();

    /** False when it cannot be connected here (e.g. client credentials not set); it is still listed. */
    boolean configured();

    /** For a {@link ConnectKind#REDIRECT} provider that is configured: its OAuth2 client; empty otherwise. */
    default Optional<OAuthClientSettings> oauthClient() {
        return Optional.empty();
    }

    /**
     * The data API for one authorized session (credential fresh, HTTP client trusting the configured CAs). Each
     * call is bounded by {@code requestTimeout}.
     */
    ProviderFetch open(ProviderSession session, Duration requestTimeout);

    /**
     * For a {@link ConnectKind#PASTE} provider: turns what the user pasted (a one-time setup token, an API key) into
     * the credential to store encrypted, e.g. by claiming the setup token once over HTTPS. Fails with
     * {@link ProviderCallException} whose message is fit for the user.
     */
    default Secret claimPasted(Secret pasted, HttpClient http, Duration requestTimeout) {
        throw new UnsupportedOperationException(key() + " is not connected by pasting a credential");
    }
}
