package io.dashtam.providers;

/**
 * A connection cannot reach its provider right now (not authorized yet, expired, revoked, in error). The message
 * is a reason fit for a sync run's error column and for the user, e.g. {@code "expired: re-authorize"}.
 */
public class ConnectionUnusableException extends RuntimeException {

    private final ConnectionId connectionId;
    private final String status;

    public ConnectionUnusableException(ConnectionId connectionId, String status, String reason) {
        super(reason, null, false, false);
        this.connectionId = connectionId;
        this.status = status;
    }

    public ConnectionId connectionId() {
        return connectionId;
    }

    /** The connection's status when it was refused ({@code pending}, {@code expired}, ...). */
    public String status() {
        return status;
    }
}
