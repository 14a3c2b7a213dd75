package io.dashtam.web;

import io.dashtam.core.RefusedException;
import io.dashtam.platform.SecurityChains;
import io.dashtam.platform.SecurityHeaders;
import io.dashtam.users.SessionService;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The page routes' own security chain, ahead of the API's bearer-only chain and built by the same
 * {@link SecurityChains} (the same {@link SecurityHeaders}, a CSP that allows nothing inline, and the same admission
 * budget): a cookie session and CSRF tokens (double-submit cookie, so any replica can check them). The JSON API never
 * reads the cookie, so it needs no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity implements WebMvcConfigurer {

    static final String[] OPEN = {"/assets/**", "/app/signin", "/app/signup", "/app/verify-email",
        "/app/verify-email/resend",
        "/app/forgot-password", "/app/reset-password", "/app/forbidden", "/app/signin/sso", "/app/sso/**"};

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, SecurityChains chains, SessionService sessions,
            SingleSignOnLogin singleSignOn) throws Exception {
        var csrf = new CookieCsrfTokenRepository();
        csrf.setCookieName("__Host-dashtam-csrf");
        csrf.setCookiePath("/");
        csrf.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict"));
        var denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/app/forbidden");
        chains.shared(http.securityMatcher("/app", "/app/**", "/assets/**"))
                // Every page request authenticates afresh (no HTTP session): the default strategy would then rotate
                // the CSRF token on each request, even for a script's poll, and break forms already on screen.
                .csrf(c -> c.csrfTokenRepository(csrf)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .authorizeHttpRequests(a -> a.requestMatchers(OPEN).permitAll()
                        .requestMatchers("/app/admin", "/app/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                            response.setHeader("Location", "/app/signin");
                        })
                        .accessDeniedHandler(denied))
                .addFilterBefore(new SessionCookieFilter(sessions), AnonymousAuthenticationFilter.class);
        singleSignOn.configure(http);
        return http.build();
    }

    /** ID tokens of single sign-on, checked with keys fetched over the outbound TLS context (OAuth2 login finds it). */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoderFactory<
            org.springframework.security.oauth2.client.registration.ClientRegistration> oidcIdTokenDecoders(
            OidcClient client) {
        return client.idTokenDecoders();
    }

    /**
     * The import page uploads files (multipart), which the app otherwise never parses: as large as the JSON import
     * takes ({@link io.dashtam.imports.ImportService#MAX_FILE_BYTES}), with room for the form's other fields (the
     * body-size filter's limit for {@code /app/import} is the same).
     */
    @Bean
    MultipartConfigElement multipartConfigElement() {
        long file = io.dashtam.imports.ImportService.MAX_FILE_BYTES;
        return new MultipartConfigElement("", file, file + 1_048_576, 0);
    }

    @Bean(name = DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    StandardServletMultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/web/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
    }

    /** NUL cannot be stored in PostgreSQL text: refused up front with a readable page, like any bad input. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                for (String[] values : request.getParameterMap().values()) {
                    for (String value : values) {
                        if (value.indexOf('\0') >= 0) {
                            throw new RefusedException("Input must not contain NUL characters.");
                        }
                    }
                }
                return true;
            }
        }).addPathPatterns("/app/**");
    }
}
