package io.dashtam.platform.database;

import io.dashtam.core.DatabaseBusyException;
import io.dashtam.core.DatabaseOutages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource: behind the {@link DatabaseGate} (fails fast while the database is known down) and
 * shared between requests and background work ({@link ConnectionShares}). A pool that times out while connections
 * can still be made is busy, not down: {@link DatabaseBusyException}, which never closes the gate.
 */
final class GatedDataSource extends DelegatingDataSource {

    private final DatabaseGate gate;
    private final ConnectionShares shares;
    private final BusyCounter busy;

    GatedDataSource(DataSource target, DatabaseGate gate, ConnectionShares shares, BusyCounter busy) {
        super(target);
        this.gate = gate;
        this.shares = shares;
        this.busy = busy;
        gate.target(target);
    }

    /** Counts busy refusals (a metric), wherever they are answered. */
    @FunctionalInterface
    interface BusyCounter {
        void busy(String where);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return shares.borrow(() -> gated(() -> super.getConnection()));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return shares.borrow(() -> gated(() -> super.getConnection(username, password)));
    }

    private Connection gated(ConnectionShares.ConnectionSource pool) throws SQLException {
        gate.admit();
        try {
            return pool.get();
        } catch (SQLTransientConnectionException e) {
            // The pool's own timeout: an outage leaves the failed connection attempt as its cause; without one, every
            // connection is simply in use.
            if (e.getCause() == null || !DatabaseOutages.causedBy(e.getCause())) {
                busy.busy("pool");
                throw new DatabaseBusyException("no database connection came free in time; the server is busy", e);
            }
            gate.failed(e);
            throw e;
        } catch (SQLException | RuntimeException e) {
            gate.failed(e);
            throw e;
        }
    }
}
