package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
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

    private final Sessions sessions;
    private final AuditLog audit;

    SessionController(Sessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip,
            String userAgent, boolean current) {
    }

    record SessionList(List<SessionView> sessions) {
    }

    @GetMapping
    SessionList list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return new SessionList(sessions.live(caller.id()).stream()
                .map(s -> new SessionView(s.id().toString(), s.createdAt(), s.lastUsedAt(), s.expiresAt(), s.ip(),
                        s.userAgent(), s.id().equals(caller.sessionId())))
                .toList());
    }

    @DeleteMapping("/current")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void logout(@AuthenticationPrincipal AuthenticatedUser caller) {
        sessions.revoke(caller.id(), caller.sessionId(), "logout");
        audit.record(AuditEvent.of(caller.id(), "logout", "success", "session:" + caller.sessionId()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void end(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable("id") String id) {
        UUID session = parse(id);
        // Another user's session id is answered exactly like an unknown one.
        if (session == null || !sessions.revoke(caller.id(), session, "ended by owner")) {
            throw ApiException.notFound("Session");
        }
        audit.record(AuditEvent.of(caller.id(), "session.revoked", "success", "session:" + session));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void logoutEverywhere(@AuthenticationPrincipal AuthenticatedUser caller) {
        int ended = sessions.revokeAll(caller.id(), null, "logout everywhere");
        audit.record(new AuditEvent(caller.id(), "logout.all", "success", "user:" + caller.id(),
                RequestOrigin.current(), Map.of("sessions", String.valueOf(ended))));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
