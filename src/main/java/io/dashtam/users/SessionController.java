package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own sessions: list them, end one, end the current one (logout) or all (logout everywhere). */
@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip,
            String userAgent, boolean current) {
    }

    record SessionList(List<SessionView> sessions) {
    }

    @GetMapping
    SessionList list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new SessionList(sessions.sessions(caller).stream()
                .map(s -> new SessionView(s.id().toString(), s.createdAt(), s.lastUsedAt(), s.expiresAt(), s.ip(),
                        s.userAgent(), s.current()))
                .toList());
    }

    @DeleteMapping("/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal AuthenticatedUser caller) {
        sessions.signOut(caller);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable("id") String id) {
        sessions.end(caller, parse(id));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logoutEverywhere(@AuthenticationPrincipal AuthenticatedUser caller) {
        sessions.endAll(caller);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
