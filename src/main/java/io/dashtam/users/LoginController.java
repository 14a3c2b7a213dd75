package io.dashtam.users;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Login opens a session ({@code POST /api/v1/sessions}); refresh rotates its tokens ({@code POST /api/v1/tokens}). */
@RestController
class LoginController {

    private final SessionService sessions;

    LoginController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/api/v1/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse login(@Valid @RequestBody SessionService.Login login) {
        return sessions.login(login);
    }

    @PostMapping("/api/v1/tokens")
    TokenResponse refresh(@Valid @RequestBody SessionService.Refresh refresh) {
        return sessions.refresh(refresh);
    }
}
