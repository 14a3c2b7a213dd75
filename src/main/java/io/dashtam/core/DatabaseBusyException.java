package io.dashtam.core;

import java.sql.SQLTransientConnectionException;

/**
 * No pooled connection came free in time while the database itself is fine: this instance is busy. Answered 503
 * "server busy" with Retry-After and counted, but never an outage: it does not close the outage gate, fail a sync
 * with "database unavailable" or turn health DOWN ({@link DatabaseOutages#causedBy} is false for it).
 */
public final class DatabaseBusyException extends SQLTransientConnectionException {

    public DatabaseBusyException(String reason, Throwable poolTimeout) {
        super(reason, null, poolTimeout);
    }
}
