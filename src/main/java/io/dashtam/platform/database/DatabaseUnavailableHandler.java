package io.dashtam.platform.database;

import io.dashtam.platform.http.ServerBusy;
import io.dashtam.platform.problems.ProblemExceptionHandler;
import io.dashtam.platform.problems.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Controllers that meet an unreachable database (no connection, connection lost, commit failed) answer 503 with
 * {@code Retry-After} (an HTML page for a browser), not 500 with a stack trace; a pool too busy to give a connection
 * in time answers the {@link ServerBusy} 503 instead, and the outage gate stays open. Ordered before
 * {@link ProblemExceptionHandler}'s catch-all.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableHandler {

    private final DatabaseGate gate;
    private final String retryAfter;

    private final ServerBusy busy;

    DatabaseUnavailableHandler(DatabaseGate gate, DatabaseOutageProperties properties, ServerBusy busy) {
        this.gate = gate;
        this.busy = busy;
        this.retryAfter = DatabaseOutageFilter.retryAfter(properties);
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<Object> unavailable(Exception e, HttpServletRequest request) {
        if (io.dashtam.core.DatabaseOutages.busy(e)) {
            busy.counted("pool");
            if (DatabaseOutageFilter.wantsPage(request)) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, ServerBusy.RETRY_AFTER).contentType(MediaType.TEXT_HTML)
                        .body(ServerBusy.PAGE);
            }
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, ServerBusy.RETRY_AFTER).body(ServerBusy.problem(request));
        }
        gate.failed(e);
        DatabaseOutageFilter.refused(request);
        if (DatabaseOutageFilter.wantsPage(request)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                    .contentType(MediaType.TEXT_HTML).body(DatabaseOutageFilter.PAGE);
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, null, DatabaseOutageFilter.DETAIL,
                        request.getRequestURI()));
    }
}
