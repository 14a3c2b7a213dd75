package io.dashtam.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.platform.database.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The application context's DataSource in integration tests: one context serves the whole suite, and each test
 * class switches it to a database of its own. The previous database is dropped.
 */
public final class SwitchingDataSource extends AbstractDataSource implements AutoCloseable {

    private static final SwitchingDataSource INSTANCE = new SwitchingDataSource();

    private volatile DatabaseUrl current;
    private volatile HikariDataSource pool;

    public static SwitchingDataSource instance() {
        return INSTANCE;
    }

    /** Gives the caller a fresh migrated database and points every connection at it. */
    public synchronized DatabaseUrl switchToNewDatabase() {
        TestDatabases databases = TestDatabases.instance();
        DatabaseUrl next = databases.newDatabase();
        HikariDataSource previousPool = pool;
        DatabaseUrl previous = current;
        pool = databases.pool(next, 10);
        current = next;
        if (previousPool != null) {
            previousPool.close();
            databases.drop(previous);
        }
        return next;
    }

    /** Points every connection at an existing database (a restored one); the previous one is dropped. */
    public synchronized void switchTo(DatabaseUrl next) {
        TestDatabases databases = TestDatabases.instance();
        HikariDataSource previousPool = pool;
        DatabaseUrl previous = current;
        pool = databases.pool(next, 10);
        current = next;
        if (previousPool != null) {
            previousPool.close();
            databases.drop(previous);
        }
    }

    public DatabaseUrl current() {
        if (current == null) {
            switchToNewDatabase();
        }
        return current;
    }

    @Override
    public Connection getConnection() throws SQLException {
        current();
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
