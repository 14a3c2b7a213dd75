package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin may do to accounts. Every action is audited under the admin's id, naming the target. */
@Service
class UserAdministration {

    private final Users users;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Lockouts lockouts;
    private final SecondFactor secondFactor;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PersonalTokens personalTokens;

    UserAdministration(Users users, Sessions sessions, AuditLog audit, Lockouts lockouts, SecondFactor secondFactor,
            JdbcClient jdbc, Clock clock, PersonalTokens personalTokens) {
        this.personalTokens = personalTokens;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.lockouts = lockouts;
        this.secondFactor = secondFactor;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the admin list adds to an account: until when it is locked (null: not), whether it has a second factor. */
    record Standing(Instant lockedUntil, boolean secondFactor) {
    }

    /** The standing of each listed account, in two queries whatever the page size. */
    @Transactional(readOnly = true)
    Map<UserId, Standing> standing(List<User> page) {
        Instant now = clock.instant();
        Map<String, Instant> locked = new HashMap<>();
        jdbc.sql("SELECT account, locked_until FROM login_lockouts WHERE locked_until > :now")
                .param("now", Timestamp.from(now))
                .query(rs -> {
                    locked.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        Set<UUID> withSecondFactor = new HashSet<>(jdbc.sql(
                "SELECT user_id FROM user_totp WHERE confirmed_at IS NOT NULL AND user_id = ANY(:ids)")
                .param("ids", page.stream().map(u -> u.id().value()).toArray(UUID[]::new))
                .query(UUID.class).list());
        Map<UserId, Standing> standing = new HashMap<>();
        for (User u : page) {
            standing.put(u.id(), new Standing(locked.get(u.email().toLowerCase(Locale.ROOT)),
                    withSecondFactor.contains(u.id().value())));
        }
        return standing;
    }

    /** Lifts a lockout early (the owner proved who they are some other way); harmless when none is in force. */
    @Transactional
    void unlock(AuthenticatedUser admin, UserId target) {
        User user = users.byId(target).orElseThrow(() -> new NotFoundException("User"));
        boolean wasLocked = lockouts.lock(user.email().toLowerCase(Locale.ROOT), clock.instant())
                .isLocked(clock.instant());
        lockouts.clear(user.email().toLowerCase(Locale.ROOT));
        record(admin, "admin.user_unlocked", "user:" + target, Map.of("wasLocked", String.valueOf(wasLocked)));
    }

    /** Removes the user's second factor (lost authenticator and codes); audited under the admin, owner mailed. */
    @Transactional
    void resetSecondFactor(AuthenticatedUser admin, UserId target) {
        secondFactor.reset(admin.id(), target);
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
        int tokensRevoked = personalTokens.revokeAll(target, "account disabled");
        record(admin, "admin.user_disabled", "user:" + target, Map.of("sessionsEnded", String.valueOf(ended),
                "accessTokensRevoked", String.valueOf(tokensRevoked)));
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
