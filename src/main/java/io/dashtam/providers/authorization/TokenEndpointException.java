package io.dashtam.providers.authorization;

/** A token call that did not yield tokens. The message is safe to show: it never holds a token or code. */
public class TokenEndpointException extends RuntimeException {

    public enum TokenFailure {
        /** Our client credentials were refused (401 / invalid_client). */
        INVALID_CLIENT,
        /** The code or refresh token was refused (invalid_grant and other 4xx). */
        INVALID_GRANT,
        /** 5xx, timeout, connection or TLS failure: worth retrying later. */
        UNAVAILABLE,
        /** A 200 that is not a token response. */
        MALFORMED
    }

    private final TokenFailure kind;

    TokenEndpointException(TokenFailure kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public TokenFailure kind() {
        return kind;
    }
}
