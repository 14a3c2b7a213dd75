package io.dashtam.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The application's DataSource behind the {@link DatabaseGate}: fails fast while the database is known down. */
final class GatedDataSource extends DelegatingDataSource {

    private final DatabaseGate gate;

    GatedDataSource(DataSource target, DatabaseGate gate) {
        super(target);
        this.gate = gate;
        gate.target(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        gate.admit();
        try {
            return super.getConnection();
        } catch (SQLException | RuntimeException e) {
            gate.failed(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        gate.admit();
        try {
            return super.getConnection(username, password);
        } catch (SQLException | RuntimeException e) {
            gate.failed(e);
            throw e;
        }
    }
}
