package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.InputValidator;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing in and out, and the caller's sessions. An API client gets an access and a refresh token; a browser gets
 * a cookie token bound to its session (a {@code user_sessions} row, listed and revoked like any other, judged on
 * every request by the same {@link AccessTokens#isLive} rule as bearer tokens). Both are rate-limited and locked
 * out alike.
 */
@Service
public class SessionService {

    /** "Last used" of a browser session is written at most this often, not on every click. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Authentication authentication;
    private final Sessions sessions;
    private final Users users;
    private final AccessTokens accessTokens;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final InputValidator validator;
    private final Clock clock;

    SessionService(Authentication authentication, Sessions sessions, Users users, AccessTokens accessTokens,
            RateLimiter rateLimiter, AuditLog audit, InputValidator validator, Clock clock) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.users = users;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * The email is bounded (it keys lockout and rate-limit rows); the password gets no constraint that could echo it.
     * {@code otp}: a code of the authenticator app or a recovery code, once the account has a second factor.
     */
    public record Login(@NotBlank @Size(max = 254) String email, @NotBlank String password,
            @Size(max = 64) String otp) {
        public Login(String email, String password) {
            this(email, password, null);
        }

        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    public record Refresh(@NotBlank String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[redacted]";
        }
    }

    /** A browser's new cookie token; the value goes only into the Set-Cookie header. */
    public record SignedIn(Secret cookieToken, long maxAgeSeconds) {
    }

    /** The signed-in browser user, as pages need it. */
    public record BrowserUser(AuthenticatedUser user, String email, String name) {
        public boolean admin() {
            return user.isAdmin();
        }
    }

    /** One of the caller's live sessions; {@code current} is the one asking. */
    public record SessionInfo(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String ip,
            String userAgent, boolean current) {
    }

    /** Password → a session with an access and a refresh token. */
    public TokenResponse login(Login login) {
        validator.valid(login);
        rateLimiter.check("login", login.email());
        return authentication.login(login.email(), new Secret(login.password()), login.otp());
    }

    /** Refresh token → a rotated pair in the same session. */
    public TokenResponse refresh(Refresh refresh) {
        validator.valid(refresh);
        rateLimiter.check("refresh", null);
        return authentication.refresh(new Secret(refresh.refreshToken()));
    }

    /** Password → a browser session and its cookie token, in one transaction; nothing else is issued. */
    public SignedIn signIn(Login login) {
        validator.valid(login);
        rateLimiter.check("login", login.email());
        var session = authentication.signIn(login.email(), new Secret(login.password()), login.otp());
        return new SignedIn(session.cookieToken(), Duration.between(clock.instant(), session.expiresAt()).toSeconds());
    }

    /** The live session a cookie token proves, or empty (unknown, revoked, expired, account disabled). */
    public Optional<BrowserUser> authenticate(String cookieToken) {
        if (cookieToken == null || cookieToken.isBlank() || cookieToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        var row = sessions.byCookie(new Secret(cookieToken)).orElse(null);
        if (row == null || !accessTokens.isLive(row.sessionId(), row.userId(), now)) {
            return Optional.empty();
        }
        Optional<User> user = users.byId(row.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (row.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            sessions.touch(row.sessionId(), now);
        }
        User u = user.get();
        return Optional.of(new BrowserUser(new AuthenticatedUser(u.id(), row.sessionId(), u.roles()), u.email(),
                u.name()));
    }

    /** Newest first. */
    public List<SessionInfo> sessions(AuthenticatedUser caller) {
        return sessions.live(caller.id()).stream()
                .map(s -> new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.expiresAt(), s.ip(),
                        s.userAgent(), s.id().equals(caller.sessionId())))
                .toList();
    }

    /** Ends the caller's own session (logout). */
    @Transactional
    public void signOut(AuthenticatedUser caller) {
        sessions.revoke(caller.id(), caller.sessionId(), "logout");
        audit.record(AuditEvent.of(caller.id(), "logout", "success", "session:" + caller.sessionId()));
    }

    /** Another user's session id (or none) is treated exactly like an unknown one. */
    @Transactional
    public void end(AuthenticatedUser caller, UUID session) {
        if (session == null || !sessions.revoke(caller.id(), session, "ended by owner")) {
            throw new NotFoundException("Session");
        }
        audit.record(AuditEvent.of(caller.id(), "session.revoked", "success", "session:" + session));
    }

    /** Logout everywhere: every live session of the caller, this one included; returns how many ended. */
    @Transactional
    public int endAll(AuthenticatedUser caller) {
        int ended = sessions.revokeAll(caller.id(), null, "logout everywhere");
        audit.record(new AuditEvent(caller.id(), "logout.all", "success", "user:" + caller.id(),
                RequestOrigin.current(), Map.of("sessions", String.valueOf(ended))));
        return ended;
    }
}
