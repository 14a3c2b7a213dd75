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

/** Login opens a session ({@code POST /api/v1/sessions}); refresh rotates its tokens ({@code POST /api/v1/tokens}). */
@RestController
class LoginController {

    private final Authentication authentication;
    private final RateLimiter rateLimiter;

    LoginController(Authentication authentication, RateLimiter rateLimiter) {
        this.authentication = authentication;
        this.rateLimiter = rateLimiter;
    }

    /** The email is bounded (it keys lockout and rate-limit rows); the password gets no constraint that could echo it. */
    record Login(@NotBlank @Size(max = 254) String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    record Refresh(@NotBlank String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[redacted]";
        }
    }

    @PostMapping("/api/v1/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse login(@Valid @RequestBody Login login) {
        rateLimiter.check("login", login.email());
        return authentication.login(login.email(), new Secret(login.password()));
    }

    @PostMapping("/api/v1/tokens")
    TokenResponse refresh(@Valid @RequestBody Refresh refresh) {
        rateLimiter.check("refresh", null);
        return authentication.refresh(new Secret(refresh.refreshToken()));
    }
}
