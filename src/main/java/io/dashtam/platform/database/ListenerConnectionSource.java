package io.dashtam.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens the one connection that LISTENs, outside the pool: a pooled connection would be handed to other work
 * (and a LISTEN on it lost) or pinned forever, taking a slot from requests. Public so tests can point it at the
 * database of the running test class.
 */
@FunctionalInterface
public interface ListenerConnectionSource {

    Connection open() throws SQLException;

    /** The same server, database and credentials as the application's Hikari pool. */
    static ListenerConnectionSource of(DataSource dataSource) {
        HikariDataSource hikari = hikari(dataSource);
        if (hikari == null) {
            // Not fatal: the listener keeps reporting it (health, log) and the instance stays up, as when polling.
            return () -> {
                throw new SQLException("cannot derive the LISTEN connection from a " + dataSource.getClass()
                        .getSimpleName() + "; define a ListenerConnectionSource bean");
            };
        }
        return () -> {
            Properties props = new Properties();
            props.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            // A dead peer without a FIN must not leave us listening to nothing forever.
            props.setProperty("tcpKeepAlive", "true");
            props.setProperty("ApplicationName", "dashtam-listener");
            return DriverManager.getConnection(hikari.getJdbcUrl(), props);
        };
    }

    /** The pool itself, or the pool behind a wrapper (the outage gate wraps it). */
    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }
}
