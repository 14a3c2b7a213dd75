package io.dashtam.simplefin;

/**
 * A failed SimpleFIN call. The kind decides what happens to the connection; the message names the call and the
 * status, never a URL with credentials or a token.
 */
final class SimplefinException extends RuntimeException {

    enum SimplefinFailure {
        /** 403 on a claim: already claimed (maybe by someone else) or unknown. */
        CLAIM_REFUSED,
        /** 403 on /accounts: access withdrawn at the bridge or credentials no longer valid. */
        ACCESS_REVOKED,
        /** 402 on /accounts: the bridge subscription needs paying. */
        PAYMENT_REQUIRED,
        /** Anything else: network, TLS, 5xx, malformed answer. Worth retrying later. */
        FAILED
    }

    private final SimplefinFailure kind;

    SimplefinException(SimplefinFailure kind, String message) {
        super(message);
        this.kind = kind;
    }

    SimplefinFailure kind() {
        return kind;
    }
}
