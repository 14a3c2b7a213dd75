package io.dashtam.providers;

import java.time.Duration;
import java.util.Objects;

/**
 * How a provider's stored credential lives. {@code OAUTH_REFRESH}: a short-lived access token refreshed with a
 * refresh token until {@code grantLifetime} after the authorization (never extended by a refresh; Schwab: 7 days),
 * then the user authorizes again. {@code UNTIL_REVOKED}: one stored secret (an API key, a SimpleFIN access URL)
 * valid until the provider refuses it. {@code NONE}: nothing stored (file uploads).
 */
public record CredentialPolicy(CredentialKind kind, Duration grantLifetime) {

    public enum CredentialKind { OAUTH_REFRESH, UNTIL_REVOKED, NONE }

    public CredentialPolicy {
        Objects.requireNonNull(kind, "kind");
        if (kind == CredentialKind.OAUTH_REFRESH && (grantLifetime == null || grantLifetime.isNegative()
                || grantLifetime.isZero())) {
            throw new IllegalArgumentException("an OAuth grant needs a positive lifetime");
        }
        if (kind != CredentialKind.OAUTH_REFRESH && grantLifetime != null) {
            throw new IllegalArgumentException("only an OAuth grant has a lifetime");
        }
    }

    public static CredentialPolicy oauthRefresh(Duration grantLifetime) {
        return new CredentialPolicy(CredentialKind.OAUTH_REFRESH, grantLifetime);
    }

    public static CredentialPolicy untilRevoked() {
        return new CredentialPolicy(CredentialKind.UNTIL_REVOKED, null);
    }

    public static CredentialPolicy none() {
        return new CredentialPolicy(CredentialKind.NONE, null);
    }
}
