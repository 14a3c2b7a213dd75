package io.dashtam.providers.authorization;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator commands for the providers module. */
@RestController
class AdminProviderController {

    private final KeyRotation rotation;

    AdminProviderController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    /** Re-encrypts every token row under the active key now, in batches; the maintenance job does it anyway. */
    @PostMapping("/api/v1/admin/providers/rotate-keys")
    Map<String, Object> rotateKeys(@AuthenticationPrincipal AuthenticatedUser caller) {
        int resealed = rotation.rotateAll(100, RequestOrigin.current(), caller.id());
        return Map.of("resealed", resealed, "remaining", rotation.remaining());
    }
}
