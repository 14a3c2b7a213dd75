package io.dashtam.users;

import java.time.Instant;

/** The credentials a login or refresh hands out. Only ever serialized into the response body. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant accessTokenExpiresAt,
        String refreshToken, Instant refreshTokenExpiresAt, String sessionId) {

    static TokenResponse of(AccessTokens.Issued access, Sessions.IssuedRefresh refresh, long expiresIn) {
        return new TokenResponse(access.token(), "Bearer", expiresIn, access.expiresAt(), refresh.token().value(),
                refresh.expiresAt(), refresh.sessionId().toString());
    }

    @Override
    public String toString() {
        return "TokenResponse[sessionId=" + sessionId + "]";
    }
}
