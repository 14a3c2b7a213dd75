package io.dashtam.platform.database;

import io.dashtam.platform.http.ServerBusy;
import io.dashtam.platform.http.TraceIdFilter;
import io.dashtam.platform.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 problem+json with {@code Retry-After} when the database is unreachable in a filter (the bearer
 * token check looks up the session) or anywhere else that escapes MVC's exception handling. It sits inside
 * {@link TraceIdFilter}, so the one-line log of each refusal carries the trace id the body quotes.
 */
public final class DatabaseOutageFilter extends OncePerRequestFilter {

    static final String DETAIL = "The database is unavailable; retry shortly";
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final DatabaseGate gate;
    private final String retryAfter;
    private final ServerBusy busy;

    DatabaseOutageFilter(DatabaseGate gate, DatabaseOutageProperties properties, ServerBusy busy) {
        this.gate = gate;
        this.busy = busy;
        this.retryAfter = retryAfter(properties);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (io.dashtam.core.DatabaseOutages.busy(e) && !response.isCommitted()) {
                busy.write(request, response, "pool");
                return;
            }
            if (!gate.failed(e) || response.isCommitted()) {
                throw e;
            }
            refused(request);
            if (wantsPage(request)) {
                response.resetBuffer();
                response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
                response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                response.getWriter().write(PAGE);
                return;
            }
            Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, null, DETAIL,
                    Map.of(HttpHeaders.RETRY_AFTER, retryAfter));
        }
    }

    /** Browser page routes (OAuth result pages, the sandbox sign-in) get a page, not JSON. */
    static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily "
            + "unavailable</title></head><body><h1>Temporarily unavailable</h1><p>Dashtam cannot reach its database "
            + "right now. Please try again in a moment.</p></body></html>";

    /** A browser navigation: asks for HTML and not for JSON. */
    public static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !accept.contains("json");
    }

    static String retryAfter(DatabaseOutageProperties properties) {
        return Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    /** One line per refused request, no stack trace: the outage itself is logged once by the gate. */
    static void refused(HttpServletRequest request) {
        log.info("503 database unavailable: {} {}", request.getMethod(), request.getRequestURI());
    }
}
