package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset (request by email, confirm with a 1 h single-use token; ends every session) and password
 * change (needs the current password; ends the caller's other sessions).
 */
@Service
class Passwords {

    private final Users users;
    private final PasswordPolicy policy;
    private final OneTimeTokens tokens;
    private final Sessions sessions;
    private final Lockouts lockouts;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties properties;
    private final PublicAddress app;

    Passwords(Users users, PasswordPolicy policy, OneTimeTokens tokens, Sessions sessions, Lockouts lockouts,
            Outbox outbox, AuditLog audit, Clock clock, UsersProperties properties, PublicAddress app) {
        this.app = app;
        this.users = users;
        this.policy = policy;
        this.tokens = tokens;
        this.sessions = sessions;
        this.lockouts = lockouts;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** Mails a reset token when the account exists and is active; the caller answers 202 either way. */
    @Transactional
    void requestReset(String email) {
        Optional<User> user = users.byEmail(email).filter(User::isActive);
        if (user.isEmpty()) {
            audit.record(AuditEvent.of(null, "password.reset_requested", "no_account", "account"));
            return;
        }
        User u = user.get();
        Secret token = tokens.issue(u.id(), OneTimeToken.Purpose.PASSWORD_RESET, clock.instant(),
                properties.passwordResetTtl());
        outbox.enqueue(u.email(), "Reset your Dashtam password", """
                Hello %s,

                someone asked to reset your Dashtam password. This token does it (valid for %d minutes, usable once):

                    %s

                In a browser: %s/app/reset-password?token=%s
                With the API: POST %s/api/v1/password-resets/confirm with {"token": "<the token>", "newPassword": "..."}.
                Resetting signs you out everywhere. If you did not ask, ignore this message.
                """.formatted(u.name(), properties.passwordResetTtl().toMinutes(), token.value(),
                app.base(), token.value(), app.base()));
        audit.record(AuditEvent.of(u.id(), "password.reset_requested", "success", "user:" + u.id()));
    }

    @Transactional(noRollbackFor = DomainException.class)
    void confirmReset(Secret token, Secret newPassword) {
        policy.check("newPassword", newPassword); // before redeeming, so a weak choice does not burn the token
        Instant now = clock.instant();
        OneTimeToken redeemed = tokens.redeem(token, OneTimeToken.Purpose.PASSWORD_RESET, now).orElse(null);
        if (redeemed == null) {
            audit.record(AuditEvent.of(null, "password.reset", "failure", "token"));
            throw new RefusedException("The reset token is invalid, expired or already used");
        }
        User user = users.lock(redeemed.userId()).filter(User::isActive).orElseThrow(
                () -> new RefusedException("The reset token is invalid, expired or already used"));
        users.setPasswordHash(user.id(), policy.hash(newPassword));
        int ended = sessions.revokeAll(user.id(), null, "password reset");
        lockouts.clear(user.email().toLowerCase(java.util.Locale.ROOT));
        audit.record(new AuditEvent(user.id(), "password.reset", "success", "user:" + user.id(),
                RequestOrigin.current(), Map.of("sessionsEnded", String.valueOf(ended))));
    }

    /** The caller proves it is them again (before deleting their account): a wrong password is audited. */
    @Transactional(noRollbackFor = DomainException.class)
    void confirm(AuthenticatedUser caller, Secret password, String purpose) {
        User user = users.lock(caller.id()).orElseThrow(() -> new NotFoundException("User"));
        if (!policy.matches(password, user.passwordHash())) {
            audit.record(AuditEvent.of(user.id(), "password.confirmed", "failure", "user:" + user.id())
                    .with("purpose", purpose));
            throw InvalidInputException.field("password", "is not your password");
        }
    }

    @Transactional(noRollbackFor = DomainException.class)
    void change(AuthenticatedUser caller, Secret current, Secret newPassword) {
        User user = users.lock(caller.id()).orElseThrow(() -> new NotFoundException("User"));
        if (!policy.matches(current, user.passwordHash())) {
            audit.record(AuditEvent.of(user.id(), "password.changed", "failure", "user:" + user.id())
                    .with("reason", "wrong current password"));
            // Not 401: the access token is fine, the proof in the body is not.
            throw InvalidInputException.field("currentPassword", "is not the current password");
        }
        policy.check("newPassword", newPassword);
        users.setPasswordHash(user.id(), policy.hash(newPassword));
        int ended = sessions.revokeAll(user.id(), caller.sessionId(), "password changed");
        audit.record(new AuditEvent(user.id(), "password.changed", "success", "user:" + user.id(),
                RequestOrigin.current(), Map.of("otherSessionsEnded", String.valueOf(ended))));
    }
}
