package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import jakarta.validation.Valid;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration (open, with an admin's {@code inviteToken}, or closed: {@code DASHTAM_REGISTRATION}) and the caller's
 * own account: read it, resend the verification mail, change the password. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final AccountService accounts;

    UserController(AccountService accounts) {
        this.accounts = accounts;
    }

    record UserView(String id, String email, String name, String role, boolean emailVerified, Instant createdAt) {
        static UserView of(AccountService.UserInfo user) {
            return new UserView(user.id().toString(), user.email(), user.name(), user.role(), user.emailVerified(),
                    user.createdAt());
        }
    }

    /** What a sign-up answers, whether or not the email already had an account. */
    record SignUpAccepted(String email, String detail) {
    }

    /** 202 for a new email and for a known one alike (that account's owner is mailed), so nobody learns who has one. */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    SignUpAccepted register(@Valid @RequestBody AccountService.Registration registration) {
        accounts.register(registration);
        return new SignUpAccepted(registration.email().trim(), "Check your email: we sent a link to verify the "
                + "address. Open it, then sign in.");
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return UserView.of(accounts.profile(caller));
    }

    @PostMapping("/me/email-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification(@AuthenticationPrincipal AuthenticatedUser caller) {
        accounts.resendVerification(caller);
    }

    @PutMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody AccountService.PasswordChange change) {
        accounts.changePassword(caller, change);
    }
}
