package io.dashtam.providers.authorization;

import io.dashtam.core.Secret;
import java.util.Objects;

/** A provider's tokens for one connection. Never printed: every value is a {@link Secret}. */
public record TokenSet(Secret accessToken, Secret refreshToken, Secret idToken) {

    public TokenSet {
        Objects.requireNonNull(accessToken, "access token");
        Objects.requireNonNull(refreshToken, "refresh token");
    }
}
