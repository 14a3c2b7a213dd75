package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ConflictException;
import io.dashtam.core.DomainException;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP with recovery codes: enrol (a pending secret, confirmed by its first code, which yields ten recovery codes),
 * prove at sign-in, turn off (password and a code), and an admin's reset. Every change is audited and mailed to the
 * account's owner, so a second factor never changes without them hearing of it.
 */
@Service
class SecondFactor {

    static final String ISSUER = "Dashtam";

    private final Users users;
    private final TotpSecrets secrets;
    private final RecoveryCodes recoveryCodes;
    private final PasswordPolicy passwords;
    private final Outbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final PublicAddress app;

    SecondFactor(Users users, TotpSecrets secrets, RecoveryCodes recoveryCodes, PasswordPolicy passwords,
            Outbox outbox, AuditLog audit, Clock clock, PublicAddress app) {
        this.users = users;
        this.secrets = secrets;
        this.recoveryCodes = recoveryCodes;
        this.passwords = passwords;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.app = app;
    }

    /** A secret waiting for its first code: what the authenticator app is given (base32 and the otpauth URI). */
    record Enrolment(Secret secret, Secret otpauthUri) {
    }

    /** The second factor as its owner sees it. */
    record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft) {
    }

    /** How a code offered at sign-in was judged. */
    enum Verdict {
        TOTP, RECOVERY_CODE, WRONG
    }

    @Transactional
    Enrolment start(UserId id) {
        User user = user(id);
        byte[] secret = Totp.newSecret();
        if (!secrets.savePending(id, secret, clock.instant())) {
            throw alreadyOn();
        }
        audit.record(AuditEvent.of(id, "mfa.totp_enrolment_started", "success", "user:" + id));
        return enrolment(user, secret);
    }

    /** The enrolment started and not yet confirmed, to show its QR code again; empty when there is none. */
    @Transactional(readOnly = true)
    Optional<Enrolment> pending(UserId id) {
        User user = user(id);
        return secrets.find(id).filter(s -> !s.confirmed()).map(s -> enrolment(user, s.secret()));
    }

    @Transactional(readOnly = true)
    Status status(UserId id) {
        Optional<TotpSecrets.Stored> stored = secrets.find(id).filter(TotpSecrets.Stored::confirmed);
        return new Status(stored.isPresent(), stored.map(TotpSecrets.Stored::confirmedAt).orElse(null),
                stored.isPresent() ? recoveryCodes.unused(id) : 0);
    }

    @Transactional(readOnly = true)
    boolean enabled(UserId id) {
        return secrets.find(id).filter(TotpSecrets.Stored::confirmed).isPresent();
    }

    /** The first code turns the pending secret on and makes the recovery codes, returned this once. */
    @Transactional(noRollbackFor = DomainException.class)
    List<String> confirm(UserId id, String code) {
        User user = user(id);
        Instant now = clock.instant();
        TotpSecrets.Stored stored = secrets.lock(id).orElseThrow(() -> new ConflictException(
                "Start setting up an authenticator app first: no set-up is waiting for a code"));
        if (stored.confirmed()) {
            throw alreadyOn();
        }
        OptionalLong step = Totp.match(stored.secret(), code, now, null);
        if (step.isEmpty()) {
            audit.record(AuditEvent.of(id, "mfa.totp_enabled", "failure", "user:" + id)
                    .with("reason", "wrong code"));
            throw InvalidInputException.field("code", "is not the current code of your authenticator app");
        }
        secrets.confirm(id, step.getAsLong(), now);
        List<String> codes = recoveryCodes.replace(id, now);
        audit.record(AuditEvent.of(id, "mfa.totp_enabled", "success", "user:" + id));
        mail(user, "Two-step sign-in is on", """
                Hello %s,

                two-step sign-in with an authenticator app was turned on for your Dashtam account. From now on, signing
                in needs your password and a code from the app (or one of your recovery codes).

                If this was not you, reset your password at %s/app/forgot-password and ask your admin to reset your
                second factor.
                """.formatted(user.name(), app.base()));
        return codes;
    }

    /**
     * At sign-in, inside the transaction that holds the account's lockout row: a TOTP code of a step later than the
     * last one accepted, or an unused recovery code (used up here). Nothing is recorded for a wrong code; the caller
     * counts it toward the lockout.
     */
    Verdict verify(UserId id, String code) {
        Instant now = clock.instant();
        TotpSecrets.Stored stored = secrets.lock(id).filter(TotpSecrets.Stored::confirmed).orElse(null);
        if (stored == null || code == null || code.isBlank()) {
            return Verdict.WRONG;
        }
        if (Totp.looksLikeCode(code)) {
            OptionalLong step = Totp.match(stored.secret(), code, now, stored.lastStep());
            return step.isPresent() && secrets.used(id, stored, step.getAsLong()) ? Verdict.TOTP : Verdict.WRONG;
        }
        if (recoveryCodes.redeem(id, code, now)) {
            int left = recoveryCodes.unused(id);
            audit.record(AuditEvent.of(id, "mfa.recovery_code_used", "success", "user:" + id)
                    .with("left", String.valueOf(left)));
            return Verdict.RECOVERY_CODE;
        }
        return Verdict.WRONG;
    }

    /**
     * A sensitive step ({@code purpose}, e.g. account deletion) asks the second factor again when it is on: a
     * current code or an unused recovery code; a missing or wrong one is refused (and audited) and changes nothing.
     */
    @Transactional(noRollbackFor = DomainException.class)
    void prove(UserId id, String code, String purpose) {
        if (!enabled(id)) {
            return;
        }
        if (code == null || code.isBlank()) {
            throw InvalidInputException.field("code",
                    "is required: two-step sign-in is on (a current code or an unused recovery code)");
        }
        if (verify(id, code) == Verdict.WRONG) {
            audit.record(AuditEvent.of(id, "mfa.confirmed", "failure", "user:" + id).with("purpose", purpose));
            throw InvalidInputException.field("code", "is not a current code or an unused recovery code");
        }
    }

    /** Needs the password and a current code (or a recovery code); a wrong one changes nothing. */
    @Transactional(noRollbackFor = DomainException.class)
    void disable(UserId id, Secret password, String code) {
        User user = users.lock(id).orElseThrow(() -> new NotFoundException("User"));
        if (!enabled(id)) {
            throw new ConflictException("Two-step sign-in is not on");
        }
        if (!passwords.matches(password, user.passwordHash())) {
            refuseDisable(id, "wrong password");
            throw InvalidInputException.field("password", "is not your current password");
        }
        if (verify(id, code) == Verdict.WRONG) {
            refuseDisable(id, "wrong code");
            throw InvalidInputException.field("code", "is not a current code or an unused recovery code");
        }
        remove(id);
        audit.record(AuditEvent.of(id, "mfa.totp_disabled", "success", "user:" + id));
        mail(user, "Two-step sign-in is off", """
                Hello %s,

                two-step sign-in was turned off for your Dashtam account: your password alone signs you in again.

                If this was not you, reset your password at %s/app/forgot-password at once.
                """.formatted(user.name(), app.base()));
    }

    /** An admin's reset for a user who lost their authenticator and codes: audited under the admin, mailed. */
    @Transactional
    boolean reset(UserId admin, UserId id) {
        User user = user(id);
        boolean had = secrets.find(id).isPresent();
        remove(id);
        audit.record(new AuditEvent(admin, "admin.mfa_reset", "success", "user:" + id, RequestOrigin.current(),
                Map.of("hadSecondFactor", String.valueOf(had))));
        mail(user, "Your second factor was reset", """
                Hello %s,

                an admin of this Dashtam reset your two-step sign-in: your password alone signs you in now. Turn it on
                again in Settings (%s/app/settings).

                If you did not ask for this, tell your admin and reset your password at %s/app/forgot-password.
                """.formatted(user.name(), app.base(), app.base()));
        return had;
    }

    private void remove(UserId id) {
        secrets.delete(id);
        recoveryCodes.delete(id);
    }

    private void refuseDisable(UserId id, String reason) {
        audit.record(AuditEvent.of(id, "mfa.totp_disabled", "failure", "user:" + id).with("reason", reason));
    }

    private Enrolment enrolment(User user, byte[] secret) {
        return new Enrolment(new Secret(Totp.base32(secret)), new Secret(Totp.uri(ISSUER, user.email(), secret)));
    }

    private void mail(User user, String subject, String body) {
        outbox.enqueue(user.email(), subject, body);
    }

    private User user(UserId id) {
        return users.byId(id).orElseThrow(() -> new NotFoundException("User"));
    }

    private static ConflictException alreadyOn() {
        return new ConflictException("Two-step sign-in is already on; turn it off first to set up a new authenticator");
    }
}
