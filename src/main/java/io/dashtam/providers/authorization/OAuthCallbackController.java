package io.dashtam.providers.authorization;

import io.dashtam.core.PublicAddress;
import io.dashtam.core.PublicEndpoints;
import io.dashtam.core.RequestOrigin;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser side of the flow, for deployments whose registered redirect URI points at the app
 * (e.g. https://dashtam.example.org/oauth/schwab/callback), for the sandbox, and for the {@link CallbackListener}
 * port, whose requests reach the listener routes below (and only from that port).
 */
@RestController
class OAuthCallbackController {

    private final OAuthFlow flow;
    private final PublicAddress app;

    OAuthCallbackController(OAuthFlow flow, PublicAddress app) {
        this.flow = flow;
        this.app = app;
    }

    /**
     * The browser carries no bearer token here; the state and the cookie identify the flow. Open for every method
     * so that a POST meets MVC's 405 rather than a 401 that would suggest a token could help.
     */
    @Component
    static class OAuthCallbackPaths implements PublicEndpoints {
        @Override
        public List<String> patterns() {
            return List.of("/oauth/connect", "/oauth/{provider}/callback", "/oauth/listener/**");
        }
    }

    @GetMapping("/oauth/connect")
    ResponseEntity<String> connect(@RequestParam(name = "link", required = false) String link,
            HttpServletRequest request) {
        return flow.openLink(link).<ResponseEntity<String>>map(l -> ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create(l.authorizationUrl()))
                .header(HttpHeaders.SET_COOKIE, cookie(l.cookieValue(), l.maxAgeSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                .orElseGet(() -> respond(CallbackResult.badRequest("This connect link is invalid, expired or was "
                        + "already used. Start again from Dashtam."), request));
    }

    @GetMapping("/oauth/{provider}/callback")
    ResponseEntity<String> callback(@PathVariable String provider, @RequestParam Map<String, String> params,
            @CookieValue(name = OAuthFlow.COOKIE, required = false) String cookie, HttpServletRequest request) {
        return respond(flow.complete(provider, params, cookie, RequestOrigin.current()), request);
    }

    /**
     * The redirect URI served by the listener port: whichever provider registered it (the state says which). Not
     * found unless the request came in on that port.
     */
    @GetMapping(CallbackListener.LISTENER_CALLBACK)
    ResponseEntity<String> listenerCallback(@RequestParam Map<String, String> params,
            @CookieValue(name = OAuthFlow.COOKIE, required = false) String cookie, HttpServletRequest request) {
        if (request.getAttribute(CallbackListener.ATTRIBUTE) == null) {
            return notFound(request);
        }
        return respond(flow.complete(null, params, cookie, RequestOrigin.current()), request);
    }

    /** Anything else on the listener port. */
    @org.springframework.web.bind.annotation.RequestMapping(CallbackListener.LISTENER_NOT_FOUND)
    ResponseEntity<String> notFound(HttpServletRequest request) {
        return respond(new CallbackResult(404, "Not Found", "Nothing here.", false), request);
    }

    /** Set on the host that receives the callback; Lax so the provider's top-level redirect carries it. */
    static String cookie(String value, long maxAgeSeconds) {
        return OAuthFlow.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; Secure; HttpOnly; SameSite=Lax";
    }

    static boolean wantsHtml(String accept) {
        return accept == null || accept.contains("text/html") || accept.isBlank();
    }

    private ResponseEntity<String> respond(CallbackResult result, HttpServletRequest request) {
        boolean html = wantsHtml(request.getHeader(HttpHeaders.ACCEPT));
        return ResponseEntity.status(result.status()).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(result.contentType(html)))
                .body(result.body(html, app.base()));
    }
}
