package io.dashtam.providers;

import io.dashtam.providers.authorization.OAuthFlow;
import java.time.Instant;

/**
 * A started authorization: the provider's authorization URL and the one-time {@code connectUrl} to open in the
 * browser that should finish the flow (only that browser can complete it, see {@link OAuthFlow}).
 */
public record AuthorizationView(String authorizationUrl, String connectUrl, Instant expiresAt) {
}
