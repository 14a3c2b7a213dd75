package io.dashtam.users;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What a mailed token unlocks without a session: email verification and password reset. */
@RestController
class RecoveryController {

    private final AccountService accounts;

    RecoveryController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/email-verifications")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void verifyEmail(@Valid @RequestBody AccountService.TokenOnly body) {
        accounts.verifyEmail(body);
    }

    /** A new verification mail: always 202, so the answer tells nobody which emails are registered or verified. */
    @PostMapping("/api/v1/email-verifications/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification(@Valid @RequestBody AccountService.ResendRequest body) {
        accounts.resendVerification(body);
    }

    /** Always 202, whether or not the account exists, so the answer tells nobody which emails are registered. */
    @PostMapping("/api/v1/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody AccountService.ResetRequest body) {
        accounts.requestPasswordReset(body);
    }

    @PostMapping("/api/v1/password-resets/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody AccountService.ResetConfirmation body) {
        accounts.resetPassword(body);
    }
}
