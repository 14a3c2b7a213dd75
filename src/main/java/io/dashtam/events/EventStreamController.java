package io.dashtam.events;

import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Secret;
import io.dashtam.core.UnauthenticatedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /api/v1/events}: the caller's own events as server-sent events. Without {@code Last-Event-ID} the
 * stream starts with what happens next; with one it first replays everything after it, in order, once; an id
 * that retention has passed (or that was never issued) gets a {@code reset} event: re-read state, then follow
 * the stream. The stream ends when its access token expires ({@code stream.expired}) or its session is revoked
 * ({@code session.revoked}). {@code ?follow=false} sends the replay and ends; {@code ?lastEventId=} stands in for
 * the header where a client cannot set one.
 */
@RestController
class EventStreamController {

    private final EventSubscriptions subscriptions;
    private final AccessTokenVerifier verifier;
    private final ObjectMapper json;

    EventStreamController(EventSubscriptions subscriptions, AccessTokenVerifier verifier, ObjectMapper json) {
        this.subscriptions = subscriptions;
        this.verifier = verifier;
        this.json = json;
    }

    @GetMapping("/api/v1/events") // no "produces": a bad request gets its problem+json whatever it accepts
    SseEmitter events(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "types", required = false) String types,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
            @RequestParam(name = "follow", defaultValue = "true") boolean follow, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (lastEventId == null) {
            lastEventId = lastEventIdParam; // EventSource cannot set headers on its first connection
        }
        Secret token = new Secret(request.getHeader("Authorization").substring(7).trim());
        EventSubscriptions.Credential credential = () -> {
            try {
                verifier.verify(token.value());
                return true;
            } catch (UnauthenticatedException e) {
                return false;
            }
        };
        return subscriptions.open(caller, credential, expiry(token.value()), types, lastEventId, follow, response);
    }

    /**
     * The verified token's {@code exp} (the filter already checked its signature and that it is live); a personal
     * access token (not a JWT, valid for months) gets a session stream's lifetime, then is proven again.
     */
    private Instant expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return subscriptions.renewedStreamEnd();
        }
        var claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return Instant.ofEpochSecond(claims.get("exp").asLong());
    }
}
