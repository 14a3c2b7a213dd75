package io.dashtam.sync;

/** A trader-API call failed or answered something unusable. The message never holds a token. */
final class TraderApiException extends RuntimeException {

    TraderApiException(String message) {
        super(message, null, false, false);
    }
}
