package io.dashtam.platform.database;

import io.dashtam.platform.http.AdmissionFilter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How the one connection pool is shared between requests and background work (sync runs, event-stream fan-out,
 * token maintenance, mail, reminders, history derivation...). Requests are admitted by the {@link AdmissionFilter}
 * (pool size minus the background share at once) and marked here while they run; every other thread is background
 * and holds at most {@link DatabasePoolProperties#backgroundConnections()} connections together, waiting for a
 * permit (not for the pool) when they are in use, so background work can never starve requests and requests never
 * starve it. A thread that already holds a permit takes nested connections without another (no self-deadlock).
 *
 * <p>Background connections also get the background statement timeout for as long as they are borrowed; the pool's
 * own settings (connection-init SQL) are the request ones.
 */
public final class ConnectionShares {

    private static final ThreadLocal<Boolean> REQUEST = new ThreadLocal<>();
    private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

    private final Semaphore background;
    private final int size;
    private final long waitMillis;
    private final String backgroundTimeout;
    private final String requestTimeout;

    ConnectionShares(DatabasePoolProperties properties) {
        this.size = properties.backgroundConnections();
        this.background = new Semaphore(size, true);
        this.waitMillis = properties.backgroundWait().toMillis();
        this.backgroundTimeout = millis(properties.backgroundStatementTimeout());
        this.requestTimeout = millis(properties.requestStatementTimeout());
    }

    /** Runs a request's work: its connections come from the request share. */
    public static void asRequest(ThrowingRunnable work) throws Exception {
        Boolean before = REQUEST.get();
        REQUEST.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            if (before == null) {
                REQUEST.remove();
            }
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    public static boolean inRequest() {
        return REQUEST.get() != null;
    }

    /** A connection from {@code pool} for the calling thread, within its share. */
    Connection borrow(ConnectionSource pool) throws SQLException {
        if (inRequest()) {
            return pool.get();
        }
        int[] held = HELD.get();
        if (held[0] == 0) {
            try {
                if (!background.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                    throw new java.sql.SQLTransientConnectionException("no background database connection came free "
                            + "within " + waitMillis + " ms (all " + size + " in use by background work)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.sql.SQLTransientConnectionException("interrupted while waiting for a connection");
            }
        }
        held[0]++;
        Connection connection;
        try {
            connection = pool.get();
            set(connection, backgroundTimeout);
        } catch (SQLException | RuntimeException e) {
            release(held);
            throw e;
        }
        return returnedOnClose(connection, held);
    }

    /** Background connections in use now (for tests and metrics). */
    int inUse() {
        return size - background.availablePermits();
    }

    private void release(int[] held) {
        if (--held[0] == 0) {
            background.release();
        }
    }

    /** The connection, with close() giving the share back (once) and restoring the request statement timeout. */
    private Connection returnedOnClose(Connection connection, int[] held) {
        boolean[] closed = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                if (!closed[0]) {
                    closed[0] = true;
                    try {
                        if (!connection.isClosed() && connection.getAutoCommit()) {
                            set(connection, requestTimeout);
                        }
                    } catch (SQLException e) {
                        // A broken connection: the pool discards it, its settings go with it.
                    } finally {
                        try {
                            connection.close();
                        } finally {
                            release(held);
                        }
                    }
                }
                return null;
            }
            if (method.getName().equals("isClosed") && method.getParameterCount() == 0 && closed[0]) {
                return true;
            }
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private static void set(Connection connection, String statementTimeout) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + statementTimeout);
        }
    }

    private static String millis(java.time.Duration duration) {
        return Long.toString(duration.toMillis());
    }

    /** Where connections come from (the pool behind the gate). */
    @FunctionalInterface
    interface ConnectionSource {
        Connection get() throws SQLException;
    }
}
