package io.dashtam.users;

import io.dashtam.core.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a mailed token unlocks without a session: email verification and password reset. */
@RestController
class RecoveryController {

    private final EmailVerification verification;
    private final Passwords passwords;
    private final RateLimiter rateLimiter;

    RecoveryController(EmailVerification verification, Passwords passwords, RateLimiter rateLimiter) {
        this.verification = verification;
        this.passwords = passwords;
        this.rateLimiter = rateLimiter;
    }

    record TokenOnly(@NotBlank String token) {
        @Override
        public String toString() {
            return "TokenOnly[redacted]";
        }
    }

    record ResetRequest(@NotBlank @Size(max = 254) String email) {
    }

    record ResetConfirmation(@NotBlank String token, @NotBlank String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[redacted]";
        }
    }

    @PostMapping("/api/v1/email-verifications")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verifyEmail(@Valid @RequestBody TokenOnly body) {
        rateLimiter.check("email-verification", null);
        verification.confirm(new Secret(body.token()));
    }

    /** Always 202, whether or not the account exists, so the answer tells nobody which emails are registered. */
    @PostMapping("/api/v1/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest body) {
        rateLimiter.check("password-reset", body.email());
        passwords.requestReset(body.email());
    }

    @PostMapping("/api/v1/password-resets/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation body) {
        rateLimiter.check("password-reset-confirm", null);
        passwords.confirmReset(new Secret(body.token()), new Secret(body.newPassword()));
    }
}
