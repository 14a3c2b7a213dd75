package io.dashtam.schwab;

import io.dashtam.providers.ProviderCallException;

/** A trader-API call failed or answered something unusable. The message never holds a token. */
final class TraderApiException extends ProviderCallException {

    TraderApiException(String message) {
        super(message);
    }

    TraderApiException(Kind kind, String message) {
        super(kind, message, null);
    }
}
