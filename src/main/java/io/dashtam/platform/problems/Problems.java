package io.dashtam.platform.problems;

import io.dashtam.platform.SecurityHeaders;
import io.dashtam.platform.http.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problems with the trace id, and writes them where MVC's exception handling does not reach. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title != null ? title : reason(status));
        if (path != null) {
            problem.setInstance(URI.create(sanitize(path)));
        }
        return withTrace(problem);
    }

    static ProblemDetail withTrace(ProblemDetail problem) {
        String traceId = MDC.get(TraceIdFilter.MDC_KEY);
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
            String title, String detail, Map<String, String> headers) throws IOException {
        write(request, response, status, title, detail, headers, null);
    }

    /** As above, with a problem type of its own (null: about:blank). */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
            String title, String detail, Map<String, String> headers, URI type) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        headers.forEach(response::setHeader);
        SecurityHeaders.apply(response);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        ProblemDetail problem = of(status, title, detail, request.getRequestURI());
        if (type != null) {
            problem.setType(type);
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance() == null ? null : problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }

    /** Keeps request paths that are not valid URIs from breaking the problem itself. */
    private static String sanitize(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
