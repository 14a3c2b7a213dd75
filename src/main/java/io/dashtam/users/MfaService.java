package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InputValidator;
import io.dashtam.core.InvalidInputException;
import io.dashtam.core.Secret;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The caller's second factor (TOTP with recovery codes): see it, set it up (a secret for the authenticator app,
 * then its first code turns it on and yields ten recovery codes, shown once), turn it off with the password and a
 * code. Rate-limited per account whichever door (API or page) the call comes through.
 */
@Service
public class MfaService {

    private final SecondFactor secondFactor;
    private final RateLimiter rateLimiter;
    private final InputValidator validator;

    MfaService(SecondFactor secondFactor, RateLimiter rateLimiter, InputValidator validator) {
        this.secondFactor = secondFactor;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
    }

    /** What the authenticator app is given; the secret and URI are only ever sent to their owner. */
    public record TotpSetup(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "TotpSetup[redacted]";
        }
    }

    public record Status(boolean totpEnabled, Instant enabledAt, int recoveryCodesLeft) {
    }

    public record Confirmation(@Size(max = 64) String code) {
        @Override
        public String toString() {
            return "Confirmation[redacted]";
        }
    }

    public record Disabling(@Size(max = 256) String password, @Size(max = 64) String code) {
        @Override
        public String toString() {
            return "Disabling[redacted]";
        }
    }

    public Status status(AuthenticatedUser caller) {
        var status = secondFactor.status(caller.id());
        return new Status(status.enabled(), status.enabledAt(), status.recoveryCodesLeft());
    }

    /** A new secret (replacing one that waited for its first code); 409 while a second factor is on. */
    public TotpSetup startTotp(AuthenticatedUser caller) {
        AccessTokenService.requireSession(caller);
        rateLimiter.check("mfa", caller.id().toString());
        return setup(secondFactor.start(caller.id()));
    }

    /** The set-up waiting for its first code, to show again; empty when none waits. */
    public Optional<TotpSetup> pendingTotp(AuthenticatedUser caller) {
        return secondFactor.pending(caller.id()).map(MfaService::setup);
    }

    /** Turns TOTP on with its first code and returns the ten recovery codes, this once. */
    public List<String> confirmTotp(AuthenticatedUser caller, Confirmation confirmation) {
        AccessTokenService.requireSession(caller);
        validator.valid(confirmation);
        rateLimiter.check("mfa", caller.id().toString());
        if (confirmation.code() == null || confirmation.code().isBlank()) {
            throw InvalidInputException.field("code", "is required: the 6-digit code your authenticator app shows");
        }
        return secondFactor.confirm(caller.id(), confirmation.code());
    }

    public void disableTotp(AuthenticatedUser caller, Disabling disabling) {
        AccessTokenService.requireSession(caller);
        validator.valid(disabling);
        rateLimiter.check("mfa", caller.id().toString());
        if (disabling.password() == null || disabling.password().isEmpty()) {
            throw InvalidInputException.field("password", "is required to turn two-step sign-in off");
        }
        if (disabling.code() == null || disabling.code().isBlank()) {
            throw InvalidInputException.field("code", "is required to turn two-step sign-in off");
        }
        secondFactor.disable(caller.id(), new Secret(disabling.password()), disabling.code());
    }

    private static TotpSetup setup(SecondFactor.Enrolment enrolment) {
        return new TotpSetup(enrolment.secret().value(), enrolment.otpauthUri().value());
    }
}
