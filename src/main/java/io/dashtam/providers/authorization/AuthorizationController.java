package io.dashtam.providers.authorization;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.AuthorizationService;
import io.dashtam.providers.AuthorizationView;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts an authorization for the caller's connection. The answer carries the provider's authorization URL
 * and the one-time {@code connectUrl} to open in the browser that should finish the flow; only that browser
 * can complete it (see {@link OAuthFlow}). The redirect variant sends the caller to the connect link, which
 * itself redirects to the provider's authorization URL.
 */
@RestController
@RequestMapping("/api/v1/connections/{id}/authorization")
class AuthorizationController {

    private final AuthorizationService authorization;

    AuthorizationController(AuthorizationService authorization) {
        this.authorization = authorization;
    }

    @GetMapping
    ResponseEntity<AuthorizationView> authorization(@AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String id) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(authorization.start(caller, id));
    }

    @GetMapping("/redirect")
    ResponseEntity<Void> redirect(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        var started = authorization.start(caller, id);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(started.connectUrl()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
