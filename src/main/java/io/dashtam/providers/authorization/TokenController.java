package io.dashtam.providers.authorization;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.AuthorizationService;
import io.dashtam.providers.TokenStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A connection's grant: its status (never the tokens), a manual refresh, and disconnect. */
@RestController
@RequestMapping("/api/v1/connections/{id}/token")
class TokenController {

    private final AuthorizationService authorization;

    TokenController(AuthorizationService authorization) {
        this.authorization = authorization;
    }

    @GetMapping
    TokenStatus status(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return authorization.tokenStatus(caller, id);
    }

    @PostMapping("/refresh")
    TokenStatus refresh(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return authorization.refresh(caller, id);
    }

    @DeleteMapping
    TokenStatus disconnect(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id) {
        return authorization.disconnect(caller, id);
    }
}
