package io.dashtam.providers;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
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

    private final Connections connections;
    private final OAuthFlow flow;

    AuthorizationController(Connections connections, OAuthFlow flow) {
        this.connections = connections;
        this.flow = flow;
    }

    record AuthorizationView(String authorizationUrl, String connectUrl, Instant expiresAt) {
    }

    @GetMapping
    @Transactional
    ResponseEntity<AuthorizationView> authorization(@AuthenticationPrincipal AuthenticatedUser caller,
            @PathVariable String id) {
        var started = flow.start(owned(caller, id));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new AuthorizationView(started.authorizationUrl(), started.connectUrl(), started.expiresAt()));
    }

    @GetMapping("/redirect")
    @Transactional
    ResponseEntity<Void> redirect(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        var started = flow.start(owned(caller, id));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(started.connectUrl()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private Connection owned(AuthenticatedUser caller, String id) {
        return connections.findOwned(ConnectionId.parse(id), caller.id())
                .orElseThrow(() -> ApiException.notFound("Connection"));
    }
}
