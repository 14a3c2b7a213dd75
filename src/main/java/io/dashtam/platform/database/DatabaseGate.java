package io.dashtam.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.core.DatabaseOutages;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's view of its database connection. Once a failure shows the database is unreachable, callers are
 * turned away at once (503) instead of each waiting out the pool's connection timeout; one caller per
 * {@code probeInterval} checks with a fresh connection whether it is back, and the first success opens the gate
 * again. The outage is logged once when it starts and once when it ends, not per request.
 * <p>
 * The probe bypasses the pool on purpose: a pool that keeps failing backs off for seconds between attempts, so a
 * probe through it would notice the return late. Only connectivity of this process is kept here; nothing a
 * request decides depends on it beyond answering 503 a little sooner, so replicas need not agree.
 */
public final class DatabaseGate {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGate.class);

    private final DatabaseOutageProperties properties;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong lastProbeNanos = new AtomicLong();
    private final AtomicLong downSinceNanos = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private volatile DataSource target;

    DatabaseGate(DatabaseOutageProperties properties) {
        this.properties = properties;
    }

    void target(DataSource dataSource) {
        this.target = dataSource;
    }

    public boolean isDown() {
        return down.get();
    }

    /** Before borrowing a connection: passes while the database is up, or when this caller's probe finds it back. */
    void admit() throws SQLException {
        if (!down.get()) {
            return;
        }
        if (!probeDue() || !probe()) {
            turnedAway.incrementAndGet();
            throw new SQLTransientConnectionException("database unavailable", "08001");
        }
    }

    /** Reports a failure; an outage closes the gate (and is logged once). Returns whether it was an outage. */
    public boolean failed(Throwable failure) {
        if (!DatabaseOutages.causedBy(failure)) {
            return false;
        }
        if (down.compareAndSet(false, true)) {
            downSinceNanos.set(System.nanoTime());
            lastProbeNanos.set(System.nanoTime());
            turnedAway.set(0);
            log.warn("Database unavailable ({}): answering 503 until it is back", DatabaseOutages.describe(failure));
        }
        return true;
    }

    /** For health checks: up, or (while down) a probe at most once per interval says it is back. */
    public boolean available() {
        return !down.get() || (probeDue() && probe());
    }

    /**
     * Whether the database answers a connection of its own right now, bypassing the pool: tells a busy pool (every
     * connection in use, the database fine) from an unreachable database.
     */
    public boolean reachable() {
        try (Connection connection = openDirect()) {
            return connection.isValid(timeoutSeconds());
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private boolean probeDue() {
        long last = lastProbeNanos.get();
        long now = System.nanoTime();
        return now - last >= properties.probeInterval().toNanos() && lastProbeNanos.compareAndSet(last, now);
    }

    private boolean probe() {
        if (!probing.compareAndSet(false, true)) {
            return false;
        }
        try (Connection connection = openDirect()) {
            if (!connection.isValid(timeoutSeconds())) {
                return false;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        } finally {
            probing.set(false);
        }
        if (down.compareAndSet(true, false)) {
            // Pooled connections the outage cut would fail the first requests after the return (Hikari skips its
            // liveness check for connections used within the last 500 ms): retire them all.
            if (target instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
            long seconds = java.time.Duration.ofNanos(System.nanoTime() - downSinceNanos.get()).toSeconds();
            log.warn("Database available again after {}s; {} request(s) were turned away at once meanwhile", seconds,
                    turnedAway.get());
        }
        return true;
    }

    /** A fresh connection outside the pool, bounded by the health timeout, or the pool's if it is not Hikari. */
    private Connection openDirect() throws SQLException {
        DataSource dataSource = target;
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            Properties props = new Properties();
            props.putAll(hikari.getDataSourceProperties());
            if (hikari.getUsername() != null) {
                props.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                props.setProperty("password", hikari.getPassword());
            }
            String seconds = Integer.toString(timeoutSeconds());
            props.setProperty("connectTimeout", seconds);
            props.setProperty("loginTimeout", seconds);
            props.setProperty("socketTimeout", seconds);
            return DriverManager.getConnection(hikari.getJdbcUrl(), props);
        }
        return dataSource.getConnection();
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, (properties.healthTimeout().toMillis() + 999) / 1000);
    }
}
