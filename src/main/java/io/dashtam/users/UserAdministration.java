package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.UserId;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin may do to accounts. Every action is audited under the admin's id, naming the target. */
@Service
class UserAdministration {

    private final Users users;
    private final Sessions sessions;
    private final AuditLog audit;

    UserAdministration(Users users, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional
    List<User> list(AuthenticatedUser admin, int limit, int offset) {
        List<User> page = users.page(limit, offset);
        record(admin, "admin.users_listed", "users", Map.of("count", String.valueOf(page.size())));
        return page;
    }

    /** Disables the account and ends its sessions: its access tokens stop working at once. */
    @Transactional
    User disable(AuthenticatedUser admin, UserId target) {
        if (admin.id().equals(target)) {
            throw new ConflictException("An admin cannot disable their own account");
        }
        User user = users.lock(target).orElseThrow(() -> new NotFoundException("User"));
        if (!user.isActive()) {
            throw new ConflictException("The account is already disabled");
        }
        User disabled = user.disabled();
        users.setStatus(disabled);
        int ended = sessions.revokeAll(target, null, "account disabled");
        record(admin, "admin.user_disabled", "user:" + target, Map.of("sessionsEnded", String.valueOf(ended)));
        return disabled;
    }

    @Transactional
    User enable(AuthenticatedUser admin, UserId target) {
        User user = users.lock(target).orElseThrow(() -> new NotFoundException("User"));
        if (user.isActive()) {
            throw new ConflictException("The account is already active");
        }
        User enabled = user.enabled();
        users.setStatus(enabled);
        record(admin, "admin.user_enabled", "user:" + target, Map.of());
        return enabled;
    }

    @Transactional
    int endSessions(AuthenticatedUser admin, UserId target) {
        users.byId(target).orElseThrow(() -> new NotFoundException("User"));
        int ended = sessions.revokeAll(target, null, "ended by admin");
        record(admin, "admin.sessions_ended", "user:" + target, Map.of("sessionsEnded", String.valueOf(ended)));
        return ended;
    }

    private void record(AuthenticatedUser admin, String action, String subject, Map<String, String> details) {
        audit.record(new AuditEvent(admin.id(), action, "success", subject, RequestOrigin.current(), details));
    }
}
