package io.dashtam.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutagesTest {

    @Test
    void recognisesAnUnreachableDatabaseWhereverItHides() {
        var noConnection = new CannotGetJdbcConnectionException("Failed to obtain JDBC connection",
                new SQLTransientConnectionException("pool - Connection is not available"));
        assertThat(DatabaseOutages.causedBy(noConnection)).isTrue();
        assertThat(DatabaseOutages.causedBy(new RuntimeException("wrapped", noConnection))).isTrue();
        assertThat(DatabaseOutages.causedBy(new CannotCreateTransactionException("no tx"))).isTrue();
        assertThat(DatabaseOutages.causedBy(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(DatabaseOutages.causedBy(new SQLException("terminating connection", "57P01"))).isTrue();
        var rollbackFailed = new TransactionSystemException("rollback failed", new SQLException("closed"));
        rollbackFailed.initApplicationException(noConnection);
        assertThat(DatabaseOutages.causedBy(rollbackFailed)).isTrue();
        assertThat(DatabaseOutages.describe(new RuntimeException(new SQLException("gone", "08006"))))
                .isEqualTo("SQLException (SQLState 08006)");
    }

    @Test
    void otherFailuresAreNotOutages() {
        assertThat(DatabaseOutages.causedBy(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseOutages.causedBy(new IllegalStateException("bug"))).isFalse();
        var rollbackFailed = new TransactionSystemException("rollback failed", new SQLException("closed"));
        rollbackFailed.initApplicationException(new IllegalStateException("bug"));
        assertThat(DatabaseOutages.causedBy(rollbackFailed)).isFalse();
        assertThat(DatabaseOutages.causedBy(null)).isFalse();
    }
}
