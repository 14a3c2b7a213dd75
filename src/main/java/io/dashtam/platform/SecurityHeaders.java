package io.dashtam.platform;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every response carries, errors included. Spring Security writes the same values for what
 * reaches it; {@link SecurityHeadersValve} and {@link ProblemErrorReportValve} write them for what Tomcat answers
 * itself (TRACE, malformed requests) and for error dispatches Spring Security does not see.
 */
final class SecurityHeaders {

    static final String HSTS = "max-age=31536000 ; includeSubDomains";

    private SecurityHeaders() {
    }

    /** Sets each header the response does not have yet (a page may have set a stricter one). */
    static void apply(HttpServletResponse response) {
        setIfAbsent(response, "Strict-Transport-Security", HSTS);
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Content-Security-Policy", WebSecurityConfiguration.CSP);
        setIfAbsent(response, "Referrer-Policy", "no-referrer");
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
