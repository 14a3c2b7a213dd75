package io.dashtam.platform.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id (from a W3C {@code traceparent} header, or a new one), for log lines, problem
 * bodies and the {@code X-Trace-Id} response header.
 */
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String MDC_KEY = "traceId";
    public static final String HEADER = "X-Trace-Id";
    private static final String ATTRIBUTE = TraceIdFilter.class.getName() + ".traceId";
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The error dispatch after a failure keeps the request's id, so the body quotes the id the log shows.
        String traceId = request.getAttribute(ATTRIBUTE) instanceof String kept ? kept
                : incoming(request.getHeader("traceparent"));
        request.setAttribute(ATTRIBUTE, traceId);
        MDC.put(MDC_KEY, traceId);
        response.setHeader(HEADER, traceId);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // A failure goes on to the container, which logs it and then dispatches to /error through this filter
            // on the same thread: the id stays for that log line, and the error dispatch clears it.
            if (!failed) {
                MDC.remove(MDC_KEY);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static String incoming(String traceparent) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32))) {
                return m.group(1);
            }
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
