package io.dashtam.web;

import io.dashtam.core.DomainException;
import io.dashtam.users.SingleSignOnService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Sign-in with the OpenID provider on the page chain (Spring Security's OAuth2 login): {@code /app/sso/oidc} starts
 * the authorization code flow with PKCE, {@code state} and {@code nonce}; {@code /app/sso/callback/oidc} takes the
 * code, checks the state against this browser's {@link SsoRequestCookie}, redeems the code and validates the ID
 * token ({@link OidcClient}). Then {@link SingleSignOnService} decides which account it is, and the browser gets the
 * same session cookie a password sign-in gives. Every refusal lands on the sign-in page with a message and is
 * audited; the provider's error text is never shown or logged, only its error code is audited.
 */
@Component
class SingleSignOnLogin {

    static final String START = "/app/sso/" + OidcClient.REGISTRATION;
    /** The refusal reasons the sign-in page has words for; anything else is shown as "failed". */
    static final Set<String> REASONS = Set.of("expired", "failed", "unavailable", "sso_not_linked",
            "account_disabled", "email_unverified");

    private final OidcClient client;
    private final SsoRequestCookie requests;
    private final SingleSignOnService sso;

    SingleSignOnLogin(OidcClient client, SsoRequestCookie requests, SingleSignOnService sso) {
        this.client = client;
        this.requests = requests;
        this.sso = sso;
    }

    void configure(HttpSecurity http) throws Exception {
        if (!client.enabled()) {
            return;
        }
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(client, "/app/sso");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var users = new OidcUserService();
        users.setRetrieveUserInfo(request -> false); // the ID token's claims are enough, and signed
        http.oauth2Login(o -> o.loginPage("/app/signin")
                .clientRegistrationRepository(client)
                .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver)
                        .authorizationRequestRepository(requests))
                .redirectionEndpoint(r -> r.baseUri("/app/sso/callback/*"))
                .tokenEndpoint(t -> t.accessTokenResponseClient(client.tokenClient()))
                .userInfoEndpoint(u -> u.oidcUserService(users))
                .successHandler((request, response, authentication) -> {
                    var user = (OidcUser) authentication.getPrincipal();
                    try {
                        var signedIn = sso.signIn(new SingleSignOnService.Identity(
                                user.getIdToken().getIssuer().toString(), user.getSubject(), user.getEmail(),
                                Boolean.TRUE.equals(user.getEmailVerified()), user.getFullName()));
                        response.addHeader(HttpHeaders.SET_COOKIE, SessionCookieFilter.cookie(
                                signedIn.cookieToken().value(), signedIn.maxAgeSeconds()));
                        redirect(response, "/app");
                    } catch (DomainException e) {
                        Object reason = e.details().get("reason");
                        redirect(response, "/app/signin?sso=" + (REASONS.contains(reason) ? reason : "failed"));
                    }
                })
                .failureHandler((request, response, exception) -> {
                    String code = code(exception);
                    sso.failed(code);
                    redirect(response, "/app/signin?sso=" + (Set.of("authorization_request_not_found",
                            "invalid_state_parameter").contains(code) ? "expired" : "failed"));
                }));
    }

    /** The OAuth error code (a fixed vocabulary), never the description, which may echo what was sent. */
    private static String code(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            String code = oauth.getError().getErrorCode();
            if (code != null && code.matches("[a-z_]{1,64}")) {
                return code;
            }
        }
        return "authentication_failed";
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(HttpHeaders.LOCATION, location);
    }
}
