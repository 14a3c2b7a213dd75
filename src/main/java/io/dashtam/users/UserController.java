package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;
    private final PasswordPolicy passwords;
    private final AuditLog audit;
    private final Clock clock;

    UserController(Users users, PasswordPolicy passwords, AuditLog audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    record Registration(@NotNull @Email(regexp = ".+@.+\\..+") @Size(max = 254) String email,
            @NotNull String password, @NotBlank @Size(max = 200) String name) {
        @Override
        public String toString() {
            return "Registration[email=" + email + "]";
        }
    }

    record UserView(String id, String email, String name, String role, Instant createdAt) {
        static UserView of(User user) {
            return new UserView(user.id().toString(), user.email(), user.name(), user.role(), user.createdAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    UserView register(@Valid @RequestBody Registration registration) {
        Secret password = new Secret(registration.password().isEmpty() ? " " : registration.password());
        passwords.check("password", password);
        User user = new User(UserId.random(), registration.email().trim(), registration.name().trim(),
                passwords.hash(password), "user", "active", clock.instant());
        if (!users.insert(user)) {
            throw ApiException.conflict("An account with this email already exists");
        }
        audit.record(AuditEvent.of(user.id(), "user.registered", "success", "user:" + user.id()));
        return UserView.of(user);
    }

    @GetMapping("/me")
    UserView me(@AuthenticationPrincipal AuthenticatedUser caller) {
        return users.byId(caller.id()).map(UserView::of).orElseThrow(() -> ApiException.notFound("User"));
    }
}
