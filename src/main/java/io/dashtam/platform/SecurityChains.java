package io.dashtam.platform;

import io.dashtam.platform.http.AdmissionFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.stereotype.Component;

/**
 * The one builder of every security filter chain (the JSON API's and the web app's pages): what they share is
 * said once. No HTTP session and none of Spring Security's form machinery (each request authenticates afresh, so
 * any replica serves it), the {@link SecurityHeaders} on every response, the end of an async response (an event
 * stream) let through once its request was authorized. Admission control, one budget for pages and API calls
 * together, sits in front of both chains as a servlet filter of its own ({@link AdmissionFilter}).
 */
@Component
public class SecurityChains {

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
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll());
        return http;
    }
}
