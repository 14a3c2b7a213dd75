package io.dashtam.users;

import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

    private final Users users;
    private final Registrations registrations;
    private final EmailVerification verification;
    private final Passwords passwords;
    private final RateLimiter rateLimiter;

    UserController(Users users, Registrations registrations, EmailVerification verification, Passwords passwords,
            RateLimiter rateLimiter) {
        this.users = users;
        this.registrations = registrations;
        this.verification = verification;
        this.passwords = passwords;
        this.rateLimiter = rateLimiter;
    }

    record Registration(@NotNull @Email(regexp = ".+@.+\\..+") @Size(max = 254) String email,
            @NotNull String password, @NotBlank @Size(max = 200) String name, String inviteToken) {
        @Override
        public String toString() {
            return "Registration[email=" + email + ", redacted]";
        }
    }

    /** No bean constraints beyond presence: a failed constraint would print the rejected value (a password). */
    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    record UserView(String id, String email, String name, String role, boolean emailVerified, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id().toString(), user.email(), user.name(), user.role(),
                    user.isEmailVerified(), user.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody Registration registration) {
        rateLimiter.check("register", registration.email());
        // An empty password still gets the policy's 422 naming the field, not a 500 from Secret.
        Secret password = new Secret(registration.password().isEmpty() ? " " : registration.password());
        return UserView.of(registrations.register(registration.email(), password, registration.name(),
                registration.inviteToken()));
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return users.byId(caller.id()).map(UserView::of).orElseThrow(() -> ApiException.notFound("User"));
    }

    @PostMapping("/me/email-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification(@AuthenticationPrincipal AuthenticatedUser caller) {
        rateLimiter.check("email-verification", caller.id().toString());
        verification.send(users.byId(caller.id()).orElseThrow(() -> ApiException.notFound("User")));
    }

    @PutMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody PasswordChange change) {
        rateLimiter.check("password-change", caller.id().toString());
        passwords.change(caller, new Secret(change.currentPassword()), new Secret(change.newPassword()));
    }
}
