package io.dashtam.sandbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sandbox's trader API takes bearer tokens of the sandbox's own authorization server, not Dashtam's: before
 * the platform's bearer check sees them, they are moved from the Authorization header to a request attribute
 * (on {@code /sandbox/trader/**} only).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxBearerFilter {

    static final String ATTRIBUTE = "io.dashtam.providers.sandbox.authorization";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sandboxBearer() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith("/sandbox/trader/")
                        && !request.getRequestURI().startsWith("/sandbox/marketdata/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                if (header != null) {
                    request.setAttribute(ATTRIBUTE, header);
                }
                chain.doFilter(new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        return "Authorization".equalsIgnoreCase(name) ? null : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return "Authorization".equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                                : super.getHeaders(name);
                    }
                }, response);
            }
        });
        registration.addUrlPatterns("/sandbox/trader/*", "/sandbox/marketdata/*");
        registration.setOrder(-200); // before Spring Security's filter chain (-100)
        return registration;
    }
}
