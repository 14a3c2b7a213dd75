package io.dashtam.web;

import io.dashtam.core.AesGcm;
import io.dashtam.core.KeyRing;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.stereotype.Component;

/**
 * Where a browser's sign-in with the OpenID provider waits for its callback, with no HTTP session (any replica takes
 * the callback): a {@code __Host-} cookie, HttpOnly and SameSite=Lax (the callback is a top-level navigation from
 * the provider), AES-256-GCM sealed with the app's encryption key so it can be neither read (the PKCE verifier and
 * the nonce stay secret) nor forged. It binds the flow to the browser that started it: a callback whose {@code state}
 * is not the one sealed in this browser's cookie, or that comes later than ten minutes, finds no request and is
 * refused. It is removed when the callback is taken, so it is used once.
 */
@Component
class SsoRequestCookie implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "__Host-dashtam-sso";
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final byte[] PURPOSE = "dashtam-sso-request".getBytes(StandardCharsets.UTF_8);

    private final AesGcm aes;
    private final OidcClient client;
    private final Clock clock;

    SsoRequestCookie(@Value("${dashtam.crypto.encryption-keys}") String keys, OidcClient client, Clock clock) {
        this.aes = new AesGcm(KeyRing.parse("DASHTAM_ENCRYPTION_KEYS", keys));
        this.client = client;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        String value = cookie(request);
        if (state == null || value == null) {
            return null;
        }
        String[] fields = open(value);
        if (fields == null || fields.length != 5 || !state.equals(fields[0])) {
            return null;
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(fields[4]));
        if (clock.instant().isAfter(issued.plus(LIFETIME))) {
            return null;
        }
        ClientRegistration registration = client.findByRegistrationId(OidcClient.REGISTRATION);
        if (registration == null) {
            return null;
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId()).redirectUri(fields[3]).scopes(registration.getScopes())
                .state(fields[0])
                .attributes(a -> {
                    a.put(OAuth2ParameterNames.REGISTRATION_ID, registration.getRegistrationId());
                    a.put(OidcParameterNames.NONCE, fields[1]);
                    a.put(PkceParameterNames.CODE_VERIFIER, fields[2]);
                })
                .build();
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request,
            HttpServletResponse response) {
        if (authorizationRequest == null) {
            clear(response);
            return;
        }
        String payload = String.join("\n", authorizationRequest.getState(),
                authorizationRequest.<String>getAttribute(OidcParameterNames.NONCE),
                authorizationRequest.<String>getAttribute(PkceParameterNames.CODE_VERIFIER),
                authorizationRequest.getRedirectUri(), Long.toString(clock.instant().getEpochSecond()));
        AesGcm.Sealed sealed = aes.encrypt(payload.getBytes(StandardCharsets.UTF_8), PURPOSE);
        String value = sealed.keyId() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.sealed());
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, value).path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(LIFETIME).build().toString());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
            HttpServletResponse response) {
        OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
        if (cookie(request) != null) {
            clear(response);
        }
        return found;
    }

    private static void clear(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, "").path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(0).build().toString());
    }

    /** The fields, or null for anything not sealed by this app with a key it still has. */
    private String[] open(String value) {
        int dot = value.lastIndexOf('.');
        if (dot <= 0 || value.length() > 2048) {
            return null;
        }
        try {
            byte[] sealed = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            byte[] plain = aes.decrypt(new AesGcm.Sealed(value.substring(0, dot), sealed), PURPOSE);
            return new String(plain, StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException | AesGcm.DecryptionFailedException e) {
            return null;
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }
}
