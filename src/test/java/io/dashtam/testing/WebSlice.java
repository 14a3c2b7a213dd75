package io.dashtam.testing;

import io.dashtam.DashtamApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.UserId;

/**
 * For {@code @WebMvcTest} slices of the REST and page adapters: no database, no server, the services mocked. The
 * security chains' filters are left out; {@link #ALICE} is the signed-in caller they would have set (the chains
 * themselves are proven end to end by the ITs). The test environment (TLS material, state directory) is the ITs'.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureMockMvc(addFilters = false)
@ContextConfiguration(classes = {DashtamApplication.class, WebSlice.Principal.class})
@ActiveProfiles("test")
@ExtendWith(WebSlice.SignedIn.class)
public @interface WebSlice {

    AuthenticatedUser ALICE = new AuthenticatedUser(new UserId(UUID.fromString(
            "00000000-0000-4000-8000-00000000a11c")), UUID.fromString("00000000-0000-4000-8000-00000000a11d"),
            Set.of("user"));

    /** Resolves {@code @AuthenticationPrincipal} as the security chains' configuration would. */
    class Principal implements WebMvcConfigurer {
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new AuthenticationPrincipalArgumentResolver());
        }
    }

    /** The test environment before the context starts; {@link #ALICE} signed in around each test. */
    class SignedIn implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            TestEnvironment.install();
            System.setProperty("dashtam.database.mode", "external");
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(ALICE,
                    null, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            SecurityContextHolder.clearContext();
        }
    }
}
