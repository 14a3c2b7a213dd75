package io.dashtam.platform;

import io.dashtam.platform.http.SecurityHeadersValve;
import io.dashtam.platform.problems.ProblemErrorReportValve;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers every response carries, errors included, defined once. Every {@code SecurityFilterChain}
 * applies {@link #configure} (the API's here, the pages' in the web module); {@link SecurityHeadersValve} and
 * {@link ProblemErrorReportValve} write the same values for what Tomcat answers itself (TRACE, malformed requests)
 * and for error dispatches Spring Security does not see.
 */
public final class SecurityHeaders {

    /**
     * For everything we serve (API answers, the pages, OAuth result pages, the sandbox sign-in): nothing inline (not
     * even style attributes), no eval, nothing framed, forms to self, scripts, styles and images from self only.
     */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    /** What Spring Security's HSTS writer sends for the settings in {@link #configure}. */
    static final String HSTS = "max-age=" + HSTS_MAX_AGE_SECONDS + " ; includeSubDomains";

    private SecurityHeaders() {
    }

    /**
     * Usage: {@code http.headers(SecurityHeaders::configure)}. Spring Security's defaults stay on (nosniff,
     * no-store cache control for what it answers); this sets the policies that are ours.
     */
    public static void configure(HeadersConfigurer<HttpSecurity> headers) {
        headers.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(HSTS_MAX_AGE_SECONDS))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .contentSecurityPolicy(c -> c.policyDirectives(CSP));
    }

    /** Sets each header the response does not have yet (a page may have set a stricter one). */
    public static void apply(HttpServletResponse response) {
        setIfAbsent(response, "Strict-Transport-Security", HSTS);
        setIfAbsent(response, "X-Content-Type-Options", "nosniff");
        setIfAbsent(response, "X-Frame-Options", "DENY");
        setIfAbsent(response, "Content-Security-Policy", CSP);
        setIfAbsent(response, "Referrer-Policy", "no-referrer");
    }

    private static void setIfAbsent(HttpServletResponse response, String name, String value) {
        if (!response.containsHeader(name)) {
            response.setHeader(name, value);
        }
    }
}
