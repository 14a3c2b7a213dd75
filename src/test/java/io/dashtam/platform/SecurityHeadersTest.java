package io.dashtam.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.writers.HstsHeaderWriter;

class SecurityHeadersTest {

    @Test
    void theValvesWriteWhatSpringSecurityWritesForTheSameSettings() {
        // The valves' literal and the chains' HSTS settings come from the same constant and must agree exactly.
        var writer = new HstsHeaderWriter();
        writer.setMaxAgeInSeconds(SecurityHeaders.HSTS_MAX_AGE_SECONDS);
        writer.setIncludeSubDomains(true);
        var request = new MockHttpServletRequest();
        request.setSecure(true);
        var response = new MockHttpServletResponse();
        writer.writeHeaders(request, response);
        assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo(SecurityHeaders.HSTS)
                .isEqualTo("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void applySetsEachMissingHeaderAndKeepsAStricterOne() {
        var response = new MockHttpServletResponse();
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        SecurityHeaders.apply(response);
        assertThat(response.getHeaders("Content-Security-Policy")).containsExactly("default-src 'none'");
        assertThat(response.getHeader("Strict-Transport-Security")).isEqualTo(SecurityHeaders.HSTS);
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        var fresh = new MockHttpServletResponse();
        SecurityHeaders.apply(fresh);
        assertThat(fresh.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeaders.CSP)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
    }
}
