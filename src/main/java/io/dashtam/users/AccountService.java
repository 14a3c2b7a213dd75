package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InputValidator;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.Secret;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * A person's account: sign up (open, with an admin's invite, or closed: {@code DASHTAM_REGISTRATION}), their
 * profile, email verification, password change, and the password reset a mailed token unlocks. Every call is
 * rate-limited the same way whichever door (API or page) it comes through.
 */
@Service
public class AccountService {

    private final Users users;
    private final Registrations registrations;
    private final EmailVerification verification;
    private final Passwords passwords;
    private final SecondFactor secondFactor;
    private final RateLimiter rateLimiter;
    private final InputValidator validator;
    private final boolean smtp;
    private final PersonalTokens personalTokens;

    AccountService(Users users, Registrations registrations, EmailVerification verification, Passwords passwords,
            SecondFactor secondFactor, RateLimiter rateLimiter, InputValidator validator,
            @Value("${spring.mail.host:}") String smtpHost, PersonalTokens personalTokens) {
        this.personalTokens = personalTokens;
        this.users = users;
        this.registrations = registrations;
        this.verification = verification;
        this.passwords = passwords;
        this.secondFactor = secondFactor;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
        this.smtp = !smtpHost.isBlank();
    }

    public record Registration(@NotNull @Email(regexp = ".+@.+\\..+") @Size(max = 254) String email,
            @NotNull String password, @NotBlank @Size(max = 200) String name, String inviteToken) {
        @Override
        public String toString() {
            return "Registration[email=" + email + ", redacted]";
        }
    }

    /**
     * No bean constraints beyond presence: a failed constraint would print the rejected value (a password).
     * {@code revokeAccessTokens}: also revoke every personal access token (they outlive a password change unless asked).
     */
    public record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword,
            Boolean revokeAccessTokens) {
        public PasswordChange(String currentPassword, String newPassword) {
            this(currentPassword, newPassword, null);
        }

        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    public record TokenOnly(@NotBlank String token) {
        @Override
        public String toString() {
            return "TokenOnly[redacted]";
        }
    }

    public record ResetRequest(@NotBlank @Size(max = 254) String email) {
    }

    public record ResendRequest(@NotBlank @Size(max = 254) String email) {
    }

    public record ResetConfirmation(@NotBlank String token, @NotBlank String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[redacted]";
        }
    }

    /** A user as they (or an admin) see their account: never the password hash. */
    public record UserInfo(UUID id, String email, String name, String role, String status, boolean emailVerified,
            Instant createdAt) {
        static UserInfo of(User u) {
            return new UserInfo(u.id().value(), u.email(), u.name(), u.role(), u.status(), u.isEmailVerified(),
                    u.createdAt());
        }
    }

    /** True when no SMTP server is configured: mails stay in the outbox table (dev), and pages say so. */
    public boolean mailStaysInOutbox() {
        return !smtp;
    }

    /**
     * The same for an email with an account and one without (its owner is mailed instead): nothing here tells who
     * has an account. Refusals that concern everyone alike (sign-up closed, a bad invite, a weak password) still say
     * so.
     */
    public void register(Registration registration) {
        validator.valid(registration);
        rateLimiter.check("register", registration.email());
        // An empty password still gets the policy's 422 naming the field, not a 500 from Secret.
        Secret password = new Secret(registration.password().isEmpty() ? " " : registration.password());
        registrations.register(registration.email(), password, registration.name(), registration.inviteToken());
    }

    /** A new verification mail for an unverified account with this email; the same answer whatever the email. */
    public void resendVerification(ResendRequest request) {
        validator.valid(request);
        rateLimiter.check("email-verification", request.email());
        verification.resend(request.email());
    }

    /** Why the sign-up page should not offer its form (closed, no or a bad invite), in words; empty when it may. */
    public Optional<String> signUpRefusal(String inviteToken) {
        return registrations.refusal(inviteToken).map(Registrations::explain);
    }

    public UserInfo profile(AuthenticatedUser caller) {
        return UserInfo.of(user(caller));
    }

    public void resendVerification(AuthenticatedUser caller) {
        rateLimiter.check("email-verification", caller.id().toString());
        verification.send(user(caller));
    }

    public void verifyEmail(TokenOnly request) {
        validator.valid(request);
        rateLimiter.check("email-verification", null);
        verification.confirm(new Secret(request.token().strip()));
    }

    /** Whether or not the account exists, so the answer tells nobody which emails are registered. */
    public void requestPasswordReset(ResetRequest request) {
        validator.valid(request);
        rateLimiter.check("password-reset", request.email());
        passwords.requestReset(request.email());
    }

    public void resetPassword(ResetConfirmation request) {
        validator.valid(request);
        rateLimiter.check("password-reset-confirm", null);
        passwords.confirmReset(new Secret(request.token().strip()), new Secret(request.newPassword()));
    }

    public void changePassword(AuthenticatedUser caller, PasswordChange change) {
        AccessTokenService.requireSession(caller);
        validator.valid(change);
        rateLimiter.check("password-change", caller.id().toString());
        passwords.change(caller, new Secret(change.currentPassword()), new Secret(change.newPassword()));
        if (Boolean.TRUE.equals(change.revokeAccessTokens())) {
            personalTokens.revokeAll(caller.id(), "password changed");
        }
    }

    /**
     * The caller proves it is them again before a sensitive step ({@code purpose}, e.g. account deletion): the
     * password re-entered and, when two-step sign-in is on, a current code (or an unused recovery code);
     * rate-limited like a password change. A session's step only (never a script's personal token).
     */
    public void confirmIdentity(AuthenticatedUser caller, String password, String code, String purpose) {
        AccessTokenService.requireSession(caller);
        rateLimiter.check("password-change", caller.id().toString());
        passwords.confirm(caller, new Secret(password == null ? "" : password), purpose);
        secondFactor.prove(caller.id(), code, purpose);
    }

    private User user(AuthenticatedUser caller) {
        return users.byId(caller.id()).orElseThrow(() -> new NotFoundException("User"));
    }
}
