package io.dashtam.core;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells "the database cannot be reached" apart from every other failure, wherever in a cause chain it hides:
 * no connection could be made, a connection lost mid-statement or at commit, the server shutting down. Callers
 * answer 503 / retry for these instead of treating them as bugs. A pool whose connections are all busy is not an
 * outage ({@link #busy}): the database answers, this instance is loaded.
 */
public final class DatabaseOutages {

    private DatabaseOutages() {
    }

    public static boolean causedBy(Throwable failure) {
        if (busy(failure)) {
            return false;
        }
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
            // A rollback that failed after the connection died hides the first failure behind its own.
            if (t instanceof org.springframework.transaction.TransactionSystemException tse
                    && tse.getApplicationException() != null && causedBy(tse.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is a busy pool ({@link DatabaseBusyException}), wherever in the cause chain. */
    public static boolean busy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DatabaseBusyException) {
                return true;
            }
        }
        return false;
    }

    /** A short, stable name for the cause (no message text: it may quote hosts or credentials). */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        String state = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            root = t;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
        }
        return root.getClass().getSimpleName() + (state == null ? "" : " (SQLState " + state + ")");
    }

    /** 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many clients. */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }
}
