package io.dashtam.platform.http;

import io.dashtam.platform.database.DatabaseOutageFilter;
import io.dashtam.platform.problems.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The answer when this instance is overloaded (admission full, or no pooled connection free in time): 503 with
 * {@code Retry-After: 1} and a problem type of its own, distinct from the database outage, counted in
 * {@code dashtam.server.busy} by where it was refused. A page for a browser, problem+json for everyone else.
 */
@Component
public class ServerBusy {

    static final URI TYPE = URI.create("/problems/server-busy");
    static final String TITLE = "Server busy";
    static final String DETAIL = "The server is busy; retry shortly";
    public static final String RETRY_AFTER = "1";
    public static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>Busy</title></head><body><main><h1>Busy right now</h1><p>Dashtam is handling a lot at the "
            + "moment. Please try again in a moment.</p><p><a href=\"/app\">Back to Dashtam</a></p></main></body></html>";

    private final MeterRegistry meters;

    ServerBusy(MeterRegistry meters) {
        this.meters = meters;
    }

    public void counted(String where) {
        Counter.builder("dashtam.server.busy").description("Requests or work refused because this instance was busy")
                .tag("where", where).register(meters).increment();
    }

    /** Writes the answer, unless the response was committed already. */
    public void write(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
        counted(where);
        if (response.isCommitted()) {
            return;
        }
        if (DatabaseOutageFilter.wantsPage(request)) {
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getWriter().write(PAGE);
            return;
        }
        Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, TITLE, DETAIL,
                Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER), TYPE);
    }

    /** For MVC's exception handlers. */
    public static ProblemDetail problem(HttpServletRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, TITLE, DETAIL, request.getRequestURI());
        problem.setType(TYPE);
        return problem;
    }
}
