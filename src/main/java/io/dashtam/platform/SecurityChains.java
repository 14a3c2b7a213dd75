package io.dashtam.platform;

import jakarta.servlet.DispatcherType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;

/**
 * The one builder of every security filter chain (the JSON API's and the web app's pages): what they share is
 * said once. No HTTP session and none of Spring Security's form machinery (each request authenticates afresh, so
 * any replica serves it), the {@link SecurityHeaders} on every response, the end of an async response (an event
 * stream) let through once its request was authorized, and admission control in front of authentication with one
 * budget for both chains, so pages and API calls together never do more work at once than the database can serve.
 */
@Component
public class SecurityChains {

    private final AdmissionFilter admission;

    SecurityChains(AdmissionProperties properties) {
        this.admission = new AdmissionFilter(properties);
    }

    /**
     * Applies the shared rules; the caller adds its matcher, its CSRF stance, how it authenticates and the rest of
     * its authorization rules (which end with {@code anyRequest()}).
     */
    public HttpSecurity shared(HttpSecurity http) throws Exception {
        http.cors(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders::configure)
                // The first rule: the end of an async response (an event stream) whose request was authorized.
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll())
                // After the header writer, so a 503 for overload carries the security headers too.
                .addFilterAfter(admission, HeaderWriterFilter.class);
        return http;
    }
}
