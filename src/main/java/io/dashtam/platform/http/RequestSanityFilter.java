package io.dashtam.platform.http;

import io.dashtam.platform.problems.ErrorPage;
import io.dashtam.platform.problems.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any controller, what would otherwise surface deep inside as a 500: a Content-Type that is a
 * wildcard, unparsable or names an unknown charset (415), query or form parameters Tomcat cannot decode
 * ({@code %zz}, {@code ?=}, a lone {@code %}) and parameters holding NUL or control characters (400). A malformed
 * Accept header is disregarded. On a page route the refusal is a page ({@link ErrorPage}), not problem+json.
 */
class RequestSanityFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !acceptableContentType(contentType)) {
            if (ErrorPage.isPageRoute(request)) {
                ErrorPage.write(request, response, 415, Map.of());
                return;
            }
            Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                    "The Content-Type is not a concrete media type this API reads", Map.of());
            return;
        }
        String problem = parameterProblem(request);
        if (problem != null) {
            if (ErrorPage.isPageRoute(request)) {
                ErrorPage.write(request, response, 400, ErrorPage.title(400), "Part of the address or the form "
                        + "could not be read: a % sign not followed by two hex digits, or a control character. "
                        + "Go back and try again; a % typed into a search box is fine.", Map.of());
                return;
            }
            Problems.write(request, response, HttpStatus.BAD_REQUEST, null, problem, Map.of());
            return;
        }
        String accept = request.getHeader("Accept");
        chain.doFilter(accept == null || parsableAccept(accept) ? request : new WithoutAccept(request), response);
    }

    private static boolean parsableAccept(String header) {
        try {
            MediaType.parseMediaTypes(header);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A malformed Accept header is disregarded (RFC 9110 allows it): otherwise content negotiation fails while
     * writing the answer, error answers included, and the client gets an empty body.
     */
    private static final class WithoutAccept extends HttpServletRequestWrapper {
        WithoutAccept(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(n -> !"Accept".equalsIgnoreCase(n)).toList());
        }
    }

    private static boolean acceptableContentType(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return false;
            }
            String charset = type.getParameter("charset");
            return charset == null || Charset.isSupported(unquote(charset));
        } catch (IllegalArgumentException e) {
            return false; // InvalidMediaTypeException, IllegalCharsetNameException
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** Parses the parameters now (Tomcat parses lazily and would throw inside a controller). */
    private static String parameterProblem(HttpServletRequest request) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            return "Malformed query string or form parameters";
        }
        for (var entry : parameters.entrySet()) {
            if (!StorableText.isPlainName(entry.getKey())) {
                return "A parameter name holds control characters";
            }
            for (String value : entry.getValue()) {
                if (value != null && !StorableText.isPlainValue(value)) {
                    return "A parameter value holds control characters";
                }
            }
        }
        return null;
    }
}
