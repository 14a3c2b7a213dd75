package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts: the registration setting (open, invite-only, closed; the first account of an empty install is
 * its admin), the password policy, the unique email, and the verification mail, all or nothing. The API and the
 * web sign-up page both come here, so there is one rule.
 */
@Service
class Registrations {

    private final Users users;
    private final Invites invites;
    private final PasswordPolicy passwords;
    private final EmailVerification verification;
    private final AuditLog audit;
    private final Clock clock;
    private final RegistrationSetting setting;
    private final Outbox outbox;
    private final PublicAddress app;

    Registrations(Users users, Invites invites, PasswordPolicy passwords, EmailVerification verification,
            AuditLog audit, Clock clock, RegistrationSetting setting, Outbox outbox, PublicAddress app) {
        this.outbox = outbox;
        this.app = app;
        this.users = users;
        this.invites = invites;
        this.passwords = passwords;
        this.verification = verification;
        this.audit = audit;
        this.clock = clock;
        this.setting = setting;
    }

    /** In force now, as every replica sees it: read from the database each time. */
    RegistrationMode mode() {
        return setting.effective();
    }

    /**
     * Refusals are committed (their audit row must stay) and are thrown before anything else is written. An email
     * that already has an account gets the same answer as a new one (empty here, "check your email" to the caller):
     * its owner is mailed instead, and the invite is not used up. Both paths hash the password and write one mail,
     * so neither the answer nor its timing tells who has an account.
     */
    @Transactional(noRollbackFor = DomainException.class)
    Optional<User> register(String email, Secret password, String name, String inviteToken) {
        InviteToken token = parse(inviteToken);
        boolean first = users.emptyForFirstUser();
        RegistrationMode mode = setting.effective();
        RegistrationMode.Admission admission = mode.admit(first, token != null);
        if (admission.refused()) {
            throw refused(admission == RegistrationMode.Admission.REFUSED_CLOSED ? "registration_closed"
                    : "invite_required", mode);
        }
        Instant now = clock.instant();
        Invite invite = null;
        if (admission == RegistrationMode.Admission.NEEDS_VALID_INVITE) {
            invite = invites.lock(token).orElseThrow(() -> refused("invite_unknown", mode));
            Invite.State state = invite.state(now);
            if (state != Invite.State.OPEN) {
                throw refused(reason(state), mode);
            }
        }
        passwords.check("password", password);
        boolean admin = admission == RegistrationMode.Admission.FIRST_ADMIN;
        User user = new User(UserId.random(), email.trim(), name.trim(), passwords.hash(password),
                admin ? "admin" : "user", "active", now);
        if (!users.insert(user)) {
            alreadyRegistered(email);
            return Optional.empty();
        }
        audit.record(AuditEvent.of(user.id(), "user.registered", "success", "user:" + user.id())
                .with("mode", mode.value()));
        if (invite != null) {
            Invite used = invite.usedBy(user.id(), now);
            if (!invites.markUsed(used)) {
                throw new IllegalStateException("a locked, open invite could not be marked used");
            }
            audit.record(new AuditEvent(user.id(), "invite.used", "success", "invite:" + invite.id(),
                    RequestOrigin.current(), Map.of("createdBy", invite.createdBy().toString())));
        }
        if (admin) {
            audit.record(AuditEvent.of(user.id(), "user.promoted_admin", "success", "user:" + user.id())
                    .with("reason", "first account of the install"));
        }
        verification.send(user);
        return Optional.of(user);
    }

    private void alreadyRegistered(String email) {
        User owner = users.byEmail(email).orElseThrow(() -> new IllegalStateException("the email's account vanished"));
        outbox.enqueue(owner.email(), "Someone tried to sign up with your email", """
                Hello %s,

                someone just tried to create a Dashtam account with this email address, which already has one. No
                new account was made and nothing about yours changed.

                If it was you: sign in at %s/app/signin, or reset a forgotten password at %s/app/forgot-password.
                If it was not you, you need not do anything.
                """.formatted(owner.name(), app.base(), app.base()));
        audit.record(AuditEvent.of(owner.id(), "user.registration_duplicate", "refused", "user:" + owner.id()));
    }

    /** Whether the sign-up page should show its form, read-only: the reason it would be refused, if it would. */
    @Transactional(readOnly = true)
    Optional<String> refusal(String inviteToken) {
        InviteToken token;
        try {
            token = parse(inviteToken);
        } catch (DomainException e) {
            return Optional.of("invite_unknown");
        }
        RegistrationMode.Admission admission = setting.effective().admit(!users.any(), token != null);
        if (admission == RegistrationMode.Admission.REFUSED_CLOSED) {
            return Optional.of("registration_closed");
        }
        if (admission == RegistrationMode.Admission.REFUSED_NO_INVITE) {
            return Optional.of("invite_required");
        }
        if (admission == RegistrationMode.Admission.NEEDS_VALID_INVITE) {
            Optional<Invite> invite = invites.byToken(token);
            if (invite.isEmpty()) {
                return Optional.of("invite_unknown");
            }
            Invite.State state = invite.get().state(clock.instant());
            return state == Invite.State.OPEN ? Optional.empty() : Optional.of(reason(state));
        }
        return Optional.empty();
    }

    /** Why a sign-up is refused, in words for a person (the page and the problem's detail say the same). */
    static String explain(String reason) {
        return switch (reason) {
            case "registration_closed" -> "Sign-up is closed on this Dashtam. Ask its admin for an account.";
            case "invite_required" -> "Sign-up on this Dashtam needs an invite link from its admin.";
            case "invite_used" -> "This invite link has already been used. Ask the admin for a new one.";
            case "invite_expired" -> "This invite link has expired. Ask the admin for a new one.";
            case "invite_revoked" ->
                "This invite link was withdrawn by the admin. Ask the admin for a new one.";
            default -> "This invite link is not valid. Check that you copied all of it, or ask the admin for a new one.";
        };
    }

    /** Blank means no invite; anything that is not a token's shape is refused as a field error, nothing looked up. */
    private static InviteToken parse(String inviteToken) {
        if (inviteToken == null || inviteToken.isBlank()) {
            return null;
        }
        try {
            return new InviteToken(inviteToken.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("inviteToken", "is not an invite token");
        }
    }

    /** Why a used, revoked or expired invite is refused. */
    private static String reason(Invite.State state) {
        return switch (state) {
            case USED -> "invite_used";
            case REVOKED -> "invite_revoked";
            case EXPIRED, OPEN -> "invite_expired";
        };
    }

    private ForbiddenException refused(String reason, RegistrationMode mode) {
        audit.record(new AuditEvent(null, "user.registration_refused", "refused", "registration",
                RequestOrigin.current(), Map.of("reason", reason, "mode", mode.value())));
        return new ForbiddenException(explain(reason), Map.of("reason", reason));
    }
}
