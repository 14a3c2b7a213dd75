package io.dashtam.portfolio;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One account batch stored while its transactions still arrive: one database transaction on a connection of its
 * own (so the caller's other statements, e.g. lease renewals, commit independently of it). Nothing is visible to
 * anyone else until {@link #commit()}; closing without a commit, or any failure, rolls everything back.
 * Not thread-safe: one thread appends.
 */
public final class AccountBatchSession implements AutoCloseable {

    /**
     * The caller's condition for the batch, run with statements on the batch's transaction: first, before anything
     * is written (e.g. to lock a row that must exist until the commit, taken before the batch locks any row of its
     * own, so lock order stays the same as a deleter's), and again right before the commit. Throws to refuse.
     */
    @FunctionalInterface
    public interface Guard {
        Guard NONE = transaction -> { };

        void check(JdbcClient transaction);
    }

    /** Runs inside the batch's transaction right before it commits, with what the batch changed. */
    @FunctionalInterface
    public interface BeforeCommit {
        /** Returns what to run once the transaction committed (e.g. deliver an event stored in it), or null. */
        Runnable apply(JdbcClient transaction, BatchResult result);
    }

    private final Connection connection;
    private final JdbcClient jdbc;
    private final Guard guard;
    private final BatchWriter writer;
    private boolean open = true;

    AccountBatchSession(Connection connection, Guard guard,
            java.util.function.Function<JdbcClient, BatchWriter> begin) {
        this.connection = connection;
        this.guard = guard;
        try {
            connection.setAutoCommit(false);
            this.jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            guard.check(jdbc);
            this.writer = begin.apply(jdbc);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("beginning a batch failed", e);
        }
    }

    /** Stages and applies one page of the account's transactions (in provider order: later reports win). */
    public void append(List<AccountBatch.Transaction> page) {
        requireOpen();
        try {
            writer.append(page);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Applies what is left and commits if the guard still lets it; returns what the batch changed. */
    public BatchResult commit() {
        return commit(null, null);
    }

    /**
     * Like {@link #commit()}, for a batch that holds every transaction the provider reports within
     * {@code [fetchedFrom, fetchedTo)}: pending rows of the account dated in that window which the batch does not
     * hold were cancelled at the provider, and are removed (counted as removed), never left pending.
     */
    public BatchResult commit(java.time.Instant fetchedFrom, java.time.Instant fetchedTo) {
        return commit(fetchedFrom, fetchedTo, null);
    }

    /** Like {@link #commit(java.time.Instant, java.time.Instant)}, with {@code beforeCommit} in the transaction. */
    public BatchResult commit(java.time.Instant fetchedFrom, java.time.Instant fetchedTo, BeforeCommit beforeCommit) {
        requireOpen();
        Runnable afterCommit;
        BatchResult result;
        try {
            result = writer.finish(fetchedFrom, fetchedTo);
            guard.check(jdbc);
            afterCommit = beforeCommit == null ? null : beforeCommit.apply(jdbc, result);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("committing the batch failed", e);
        } finally {
            close();
        }
        if (afterCommit != null) {
            afterCommit.run();
        }
        return result;
    }

    /** Rolls back unless committed, and gives the connection back. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // The connection is broken: the database has rolled the transaction back already.
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("batch already committed or rolled back");
        }
    }
}
