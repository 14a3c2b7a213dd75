package io.dashtam.platform.http;

import io.dashtam.platform.database.ConnectionShares;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control for every request, API and pages, in front of authentication: at most {@code maxConcurrent}
 * requests do work at once (token check, queries, rendering); others wait first come, first served, parked rather
 * than spinning on the connection pool, and after {@code maxWait} get the {@link ServerBusy} answer. Request threads
 * (or virtual threads) can therefore outnumber database connections without contending for them, and their work
 * draws on the request share of the pool ({@link ConnectionShares}). {@code GET /health} is never refused: probes
 * must see a busy instance as alive.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final long maxWaitNanos;
    private final ServerBusy busy;

    public AdmissionFilter(int maxConcurrent, java.time.Duration maxWait, ServerBusy busy) {
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.busy = busy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (health(request)) {
            asRequest(request, response, chain);
            return;
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            busy.write(request, response, "admission");
            return;
        }
        try {
            asRequest(request, response, chain);
        } finally {
            permits.release();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return false;
    }

    /** Marks the request's work as such; health is admitted at once. */
    private static void asRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            ConnectionShares.asRequest(() -> chain.doFilter(request, response));
        } catch (ServletException | IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    private static boolean health(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "/health".equals(request.getRequestURI());
    }

    /** Permits free now (for tests). */
    int available() {
        return permits.availablePermits();
    }
}
