package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.ConflictException;
import io.dashtam.core.DomainException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RefusedException;
import io.dashtam.core.Secret;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Proves a user controls their email: a 24 h single-use token goes out by mail (the outbox). Verifying an email
 * listed in {@code DASHTAM_ADMIN_EMAILS} makes the account an admin, so a further admin is whoever can read that
 * mailbox, not whoever registers the address first (the install's first account is its admin: Registrations).
 */
@Service
class EmailVerification {

    private final Users users;
    private final OneTimeTokens tokens;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties properties;
    private final PublicAddress app;

    EmailVerification(Users users, OneTimeTokens tokens, Outbox outbox, AuditLog audit, Clock clock,
            UsersProperties properties, PublicAddress app) {
        this.app = app;
        this.users = users;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** Joins the caller's transaction (registration): no account without its message, and the reverse. */
    @Transactional
    void send(User user) {
        if (user.isEmailVerified()) {
            throw new ConflictException("This email address is already verified");
        }
        Secret token = tokens.issue(user.id(), OneTimeToken.Purpose.EMAIL_VERIFICATION, clock.instant(),
                properties.emailVerificationTtl());
        outbox.enqueue(user.email(), "Verify your email for Dashtam", """
                Hello %s,

                confirm your email address for Dashtam with this token (valid for %d hours, usable once):

                    %s

                In a browser: %s/app/verify-email?token=%s
                With the API: POST %s/api/v1/email-verifications with {"token": "<the token>"}.
                If you did not register, ignore this message.
                """.formatted(user.name(), properties.emailVerificationTtl().toHours(), token.value(),
                app.base(), token.value(), app.base()));
        audit.record(AuditEvent.of(user.id(), "email.verification_sent", "success", "user:" + user.id()));
    }

    /** Sends a new token when the email belongs to an active, unverified account; silently nothing otherwise. */
    @Transactional
    void resend(String email) {
        var user = users.byEmail(email).filter(User::isActive).filter(u -> !u.isEmailVerified());
        if (user.isEmpty()) {
            audit.record(AuditEvent.of(null, "email.verification_resend", "no_pending_account", "account"));
            return;
        }
        send(user.get());
    }

    @Transactional(noRollbackFor = DomainException.class)
    void confirm(Secret token) {
        Instant now = clock.instant();
        OneTimeToken redeemed = tokens.redeem(token, OneTimeToken.Purpose.EMAIL_VERIFICATION, now).orElse(null);
        if (redeemed == null) {
            audit.record(AuditEvent.of(null, "email.verified", "failure", "token"));
            throw new RefusedException("The verification token is invalid, expired or already used");
        }
        User user = users.lock(redeemed.userId()).orElseThrow(() -> new NotFoundException("User"));
        boolean promote = properties.isAdminEmail(user.email()) && !user.isAdmin();
        users.markVerified(user.id(), now, promote);
        audit.record(AuditEvent.of(user.id(), "email.verified", "success", "user:" + user.id()));
        if (promote) {
            audit.record(AuditEvent.of(user.id(), "user.promoted_admin", "success", "user:" + user.id())
                    .with("reason", "DASHTAM_ADMIN_EMAILS"));
        }
    }
}
