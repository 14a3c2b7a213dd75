package io.dashtam.platform.http;

import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.PublicEndpoints;
import io.dashtam.platform.SecurityChains;
import io.dashtam.platform.problems.Problems;
import io.dashtam.platform.runtime.ConfigurationProblem;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The JSON API's chain, built by {@link SecurityChains} like the pages' chain: bearer-token security. Only the paths
 * modules declare in {@link PublicEndpoints} are open; everything under {@value #ADMIN_PATHS} needs the ADMIN role;
 * everything else needs a valid access token. Roles are checked by path, not with method security, so a new admin endpoint cannot forget its
 * check, and start-up does not scan every bean's methods for security annotations.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String ADMIN_PATHS = "/api/v1/admin/**";

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityChains chains, List<PublicEndpoints> publicEndpoints,
            ObjectProvider<AccessTokenVerifier> verifier) throws Exception {
        RequestMatcher[] open = Stream.concat(
                Stream.of("GET /", "GET /health", "/error", "GET /docs", "GET /docs/**", "GET /swagger-ui/**",
                        "/actuator/**"),
                publicEndpoints.stream().flatMap(p -> p.patterns().stream()))
                .map(WebSecurityConfiguration::matcher).toArray(RequestMatcher[]::new);
        chains.shared(http)
                .csrf(AbstractHttpConfigurer::disable) // no cookie authenticates an API call, so no CSRF to forge
                .authorizeHttpRequests(a -> a.requestMatchers(open).permitAll()
                        .requestMatchers(matcher(ADMIN_PATHS)).hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> Problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, null, "A valid bearer access token is required",
                                Map.of("WWW-Authenticate", "Bearer")))
                        .accessDeniedHandler((request, response, ex) -> Problems.write(request, response,
                                HttpStatus.FORBIDDEN, null, "You are not allowed to do this", Map.of())));
        verifier.ifAvailable(v -> http.addFilterBefore(new BearerTokenFilter(v), AnonymousAuthenticationFilter.class));
        return http.build();
    }

    /** {@code "POST /api/v1/users"} or {@code "/oauth/**"} (every method). */
    static RequestMatcher matcher(String spec) {
        int space = spec.indexOf(' ');
        if (space < 0) {
            return PathPatternRequestMatcher.withDefaults().matcher(spec);
        }
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(spec.substring(0, space)),
                spec.substring(space + 1).trim());
    }

    @Bean
    FilterRegistrationBean<TraceIdFilter> traceIdFilter() {
        var registration = new FilterRegistrationBean<>(new TraceIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestOriginFilter> requestOriginFilter(HttpProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestOriginFilter(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * A body the app refuses unread (401 on a large upload without a token) is drained by Tomcat up to its swallow
     * size so the client reads the answer instead of a reset connection: that size must cover the largest limit.
     */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(HttpProperties properties,
            @org.springframework.beans.factory.annotation.Value("${server.tomcat.max-swallow-size:2MB}")
            org.springframework.util.unit.DataSize swallow) {
        long largest = java.util.stream.Stream.concat(java.util.stream.Stream.of(properties.maxBodySize()),
                properties.maxBodySizeByPath().values().stream()).mapToLong(d -> d.toBytes()).max().orElse(0);
        if (swallow.toBytes() >= 0 && swallow.toBytes() < largest) {
            throw new ConfigurationProblem("server.tomcat.max-swallow-size", "must be at least the largest body limit ("
                    + largest + " bytes), was " + swallow.toBytes());
        }
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.maxBodySize(),
                properties.maxBodySizeByPath()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
