package io.dashtam.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control in front of authentication: at most {@link AdmissionProperties#maxConcurrent()} requests do
 * work at once (token check, queries, rendering); others wait first come, first served, parked rather than
 * spinning on the connection pool, and after {@link AdmissionProperties#maxWait()} get a 503 problem with
 * Retry-After. Request threads (or virtual threads on JDK 21+) can therefore outnumber database connections
 * without contending for them. {@code GET /health} is never refused: probes must see a busy instance as alive.
 */
class AdmissionFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final long maxWaitNanos;

    AdmissionFilter(AdmissionProperties properties) {
        this.permits = new Semaphore(properties.maxConcurrent(), true);
        this.maxWaitNanos = properties.maxWait().toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, null,
                    "Too many requests in progress; retry shortly", Map.of(HttpHeaders.RETRY_AFTER, "1"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "/health".equals(request.getRequestURI());
    }

    /** Permits free now (for tests). */
    int available() {
        return permits.availablePermits();
    }
}
