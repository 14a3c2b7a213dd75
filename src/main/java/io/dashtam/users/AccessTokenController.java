package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal access tokens: make one (the token is in this answer only), list, revoke. */
@RestController
@RequestMapping("/api/v1/users/me/tokens")
class AccessTokenController {

    private final AccessTokenService tokens;

    AccessTokenController(AccessTokenService tokens) {
        this.tokens = tokens;
    }

    record TokenList(List<AccessTokenService.TokenInfo> tokens) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccessTokenService.CreatedToken create(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody AccessTokenService.NewToken request) {
        return tokens.create(caller, request);
    }

    @GetMapping
    TokenList list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new TokenList(tokens.list(caller));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable("id") String id) {
        tokens.revoke(caller, parse(id));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
