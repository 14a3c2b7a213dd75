package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's second factor over the API: status, TOTP set-up and confirmation, turning it off. */
@RestController
@RequestMapping("/api/v1/users/me/mfa")
class MfaController {

    private final MfaService mfa;

    MfaController(MfaService mfa) {
        this.mfa = mfa;
    }

    record RecoveryCodesView(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodesView[redacted]";
        }
    }

    @GetMapping
    MfaService.Status status(@AuthenticationPrincipal AuthenticatedUser caller) {
        return mfa.status(caller);
    }

    @PostMapping("/totp")
    MfaService.TotpSetup start(@AuthenticationPrincipal AuthenticatedUser caller) {
        return mfa.startTotp(caller);
    }

    @PostMapping("/totp/confirm")
    RecoveryCodesView confirm(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody MfaService.Confirmation confirmation) {
        return new RecoveryCodesView(mfa.confirmTotp(caller, confirmation));
    }

    @DeleteMapping("/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody MfaService.Disabling disabling) {
        mfa.disableTotp(caller, disabling);
    }
}
