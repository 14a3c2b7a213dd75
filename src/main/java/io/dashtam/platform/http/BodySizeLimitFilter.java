package io.dashtam.platform.http;

import io.dashtam.platform.database.DatabaseOutageFilter;
import io.dashtam.platform.problems.ErrorPage;
import io.dashtam.platform.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies with 413 before anything reads them: by Content-Length up front, and by counting
 * bytes for chunked bodies, so a client cannot make the server buffer an unbounded body.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final Map<String, DataSize> limitsByPathPrefix;

    BodySizeLimitFilter(DataSize defaultLimit, Map<String, DataSize> limitsByPathPrefix) {
        this.defaultLimit = defaultLimit.toBytes();
        this.limitsByPathPrefix = limitsByPathPrefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI());
        if (request.getContentLengthLong() > limit) {
            refuse(request, response, limit);
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /**
     * 413 without reading the body: a page for a browser's form post, problem+json otherwise. Over HTTP/1.1 the
     * connection is closed after it (the unread body is not worth draining); HTTP/2 forbids connection headers (a
     * client resets a stream that carries one), and its stream ends on its own.
     */
    static void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        Map<String, String> headers = request.getProtocol() != null && request.getProtocol().startsWith("HTTP/1")
                ? Map.of("Connection", "close") : Map.of();
        String detail = "Request body exceeds " + limit + " bytes";
        if (ErrorPage.isPageRoute(request) || DatabaseOutageFilter.wantsPage(request)) {
            ErrorPage.write(request, response, HttpStatus.CONTENT_TOO_LARGE.value(), ErrorPage.title(413),
                    "Dashtam takes at most " + Math.max(1, DataSize.ofBytes(limit).toMegabytes()) + " MB here. "
                    + "Choose a smaller file, or split it.", headers);
            return;
        }
        Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", detail, headers);
    }

    /** The longest matching prefix wins, so {@code /api/v1/imports/x} can differ from {@code /api/v1/imports}. */
    long limitFor(String path) {
        return limitsByPathPrefix.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
                .max(java.util.Comparator.comparingInt(e -> e.getKey().length()))
                .map(e -> e.getValue().toBytes()).orElse(defaultLimit);
    }

    private static final String EXCEEDED = BodySizeLimitFilter.class.getName() + ".exceeded";

    /** Whether this request's body grew past the limit (parsers may wrap or swallow the exception itself). */
    public static boolean exceeded(jakarta.servlet.ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(EXCEEDED));
    }

    /** Thrown while reading a body that grows past the limit; the exception handler answers 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("Request body exceeds " + limit + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit, this);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private final jakarta.servlet.ServletRequest request;
        private long count;

        CountingStream(ServletInputStream delegate, long limit, jakarta.servlet.ServletRequest request) {
            this.delegate = delegate;
            this.limit = limit;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                request.setAttribute(EXCEEDED, Boolean.TRUE);
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
