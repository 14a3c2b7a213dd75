package io.dashtam.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How the sandbox's Schwab-shaped APIs (trader, market data) admit a call and answer an error, as Schwab does: a
 * bearer access token from the sandbox token endpoint, errors as {@code {message, errors}}.
 */
@Component
@ConditionalOnProperty(name = "dashtam.providers.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class SandboxAccess {

    private final SandboxGrants grants;
    private final Clock clock;

    SandboxAccess(SandboxGrants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    /** The body when the access token is live, Schwab's 401 otherwise; a {@link SchwabError} becomes its answer. */
    ResponseEntity<Object> authorized(String authorization, Supplier<Object> body) {
        Instant now = clock.instant();
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(new SchwabError(401, "Client not authorized"));
        }
        var grant = grants.find(authorization.substring(7).trim(), "access");
        if (grant.isEmpty() || !now.isBefore(grant.get().expiresAt())) {
            return error(new SchwabError(401, "Client not authorized"));
        }
        try {
            return ResponseEntity.ok(body.get());
        } catch (SchwabError e) {
            return error(e);
        }
    }

    private static ResponseEntity<Object> error(SchwabError e) {
        return ResponseEntity.status(e.status).body(Map.of("message", e.getMessage(), "errors",
                List.of(e.getMessage())));
    }

    /** A refusal of the fake Schwab, answered with Schwab's own status (this is a provider's API, not Dashtam's). */
    static final class SchwabError extends RuntimeException {
        private final int status;

        SchwabError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
