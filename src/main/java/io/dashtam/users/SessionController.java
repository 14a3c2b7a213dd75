package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

    private final Users users;
    private final PasswordPolicy passwords;
    private final Sessions sessions;
    private final AuditLog audit;

    SessionController(Users users, PasswordPolicy passwords, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
    }

    record Login(@NotBlank String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    /** The credentials a login or refresh hands out. Only ever serialized into the response body. */
    record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant accessTokenExpiresAt,
            String refreshToken, Instant refreshTokenExpiresAt, String sessionId) {
        @Override
        public String toString() {
            return "TokenResponse[sessionId=" + sessionId + "]";
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional(noRollbackFor = ApiException.class)
    TokenResponse login(@Valid @RequestBody Login login) {
        var user = users.byEmail(login.email().trim()).filter(User::isActive);
        if (user.isEmpty() || !passwords.matches(new Secret(login.password()), user.get().passwordHash())) {
            audit.record(new AuditEvent(user.map(User::id).orElse(null), "login", "failure", "user",
                    null, java.util.Map.of("reason", "bad credentials")));
            throw ApiException.unauthorized("Wrong email or password");
        }
        var issued = sessions.open(user.get());
        audit.record(AuditEvent.of(user.get().id(), "login", "success", "session:" + issued.sessionId()));
        return issued.response();
    }
}
