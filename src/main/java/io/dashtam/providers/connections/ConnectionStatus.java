package io.dashtam.providers.connections;

import java.util.Locale;

/** A connection's lifecycle: pending → active → expired | reauth_required | revoked | error. */
public enum ConnectionStatus {
    PENDING, ACTIVE, EXPIRED, REAUTH_REQUIRED, REVOKED, ERROR;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConnectionStatus of(String db) {
        return valueOf(db.toUpperCase(Locale.ROOT));
    }
}
