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

    private final Connection connection;
    private final BatchWriter writer;
    private boolean open = true;

    AccountBatchSession(Connection connection, java.util.function.Function<JdbcClient, BatchWriter> begin) {
        this.connection = connection;
        try {
            connection.setAutoCommit(false);
            this.writer = begin.apply(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
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

    /** Applies what is left and commits; returns what the batch changed. */
    public BatchResult commit() {
        requireOpen();
        try {
            BatchResult result = writer.finish();
            connection.commit();
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("committing the batch failed", e);
        } finally {
            close();
        }
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
