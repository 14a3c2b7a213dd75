package io.dashtam.providers.authorization;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.providers.AuthorizationService;
import io.dashtam.providers.ConnectionView;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connects a paste provider (SimpleFIN): {@code PUT /api/v1/connections/{id}/credential} with what the user pasted
 * (see {@link AuthorizationService#paste}). Neither what was pasted nor the credential is ever returned or logged.
 */
@RestController
class CredentialController {

    private final AuthorizationService authorization;

    CredentialController(AuthorizationService authorization) {
        this.authorization = authorization;
    }

    @PutMapping("/api/v1/connections/{id}/credential")
    ConnectionView paste(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable String id,
            @Valid @RequestBody AuthorizationService.PastedCredential body) {
        return authorization.paste(caller, id, body);
    }
}
