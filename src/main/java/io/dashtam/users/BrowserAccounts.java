package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UserId;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the web app (io.dashtam.web) may do with accounts and sessions: the API's own services, rate limits,
 * lockout and password policy behind a browser-shaped surface. A browser session is a {@code user_sessions} row
 * (so it is listed and revoked like any other) plus a cookie token whose hash sits in {@code web_sessions}; it is
 * judged on every request by the same {@link AccessTokens#isLive} rule as bearer tokens.
 */
@Service
public class BrowserAccounts {

    /** "Last used" of a browser session is written at most this often, not on every click. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final Authentication authentication;
    private final Registrations registrations;
    private final EmailVerification verification;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Users users;
    private final UserAdministration administration;
    private final AccessTokens accessTokens;
    private final RateLimiter rateLimiter;
    private final AuditLog audit;
    private final Validator validator;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final UsersProperties properties;
    private final Invitations invitations;
    private final boolean smtp;

    BrowserAccounts(Authentication authentication, Registrations registrations, EmailVerification verification,
            Passwords passwords, Sessions sessions, Users users, UserAdministration administration,
            AccessTokens accessTokens, RateLimiter rateLimiter, AuditLog audit, Validator validator, JdbcClient jdbc,
            Clock clock, UsersProperties properties, Invitations invitations,
            @Value("${spring.mail.host:}") String smtpHost) {
        this.authentication = authentication;
        this.registrations = registrations;
        this.verification = verification;
        this.passwords = passwords;
        this.sessions = sessions;
        this.users = users;
        this.administration = administration;
        this.accessTokens = accessTokens;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.validator = validator;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.invitations = invitations;
        this.smtp = !smtpHost.isBlank();
    }

    /** The signed-in browser user, as pages need it. */
    public record BrowserUser(AuthenticatedUser user, String email, String name) {
        public boolean admin() {
            return user.isAdmin();
        }
    }

    /** A new cookie token; the value goes only into the Set-Cookie header. */
    public record SignedIn(Secret cookieToken, long maxAgeSeconds) {
    }

    public record SessionInfo(UUID id, Instant createdAt, Instant lastUsedAt, String ip, String userAgent,
            boolean current) {
    }

    public record UserInfo(UUID id, String email, String name, String role, String status, boolean emailVerified,
            Instant createdAt) {
        static UserInfo of(User u) {
            return new UserInfo(u.id().value(), u.email(), u.name(), u.role(), u.status(), u.isEmailVerified(),
                    u.createdAt());
        }
    }

    /** True when no SMTP server is configured: mails stay in the outbox table (dev), and pages say so. */
    public boolean mailStaysInOutbox() {
        return !smtp;
    }

    public SignedIn signIn(String email, String password) {
        var login = validated(new LoginController.Login(email, password));
        rateLimiter.check("login", login.email());
        TokenResponse tokens = authentication.login(login.email(), new Secret(login.password()));
        Secret cookie = Tokens.newToken();
        jdbc.sql("INSERT INTO web_sessions (token_hash, session_id, created_at) VALUES (:hash, :session, :now)")
                .param("hash", Tokens.hash(cookie)).param("session", UUID.fromString(tokens.sessionId()))
                .param("now", Timestamp.from(clock.instant())).update();
        return new SignedIn(cookie, properties.refreshTokenTtl().toSeconds());
    }

    /** The live session a cookie token proves, or empty (unknown, revoked, expired, account disabled). */
    public Optional<BrowserUser> authenticate(String cookieToken) {
        if (cookieToken == null || cookieToken.isBlank() || cookieToken.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record SessionRow(UUID session, UserId user, Instant lastUsed) {
        }
        Optional<SessionRow> row = jdbc.sql("""
                SELECT s.id, s.user_id, s.last_used_at FROM web_sessions w JOIN user_sessions s ON s.id = w.session_id
                WHERE w.token_hash = :hash""")
                .param("hash", Tokens.hash(new Secret(cookieToken)))
                .query((rs, n) -> new SessionRow(rs.getObject(1, UUID.class), new UserId(rs.getObject(2, UUID.class)),
                        rs.getTimestamp(3).toInstant()))
                .optional();
        if (row.isEmpty() || !accessTokens.isLive(row.get().session(), row.get().user(), now)) {
            return Optional.empty();
        }
        Optional<User> user = users.byId(row.get().user());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().lastUsed().isBefore(now.minus(LAST_USED_RESOLUTION))) {
            jdbc.sql("UPDATE user_sessions SET last_used_at = :now WHERE id = :id AND last_used_at < :now")
                    .param("now", Timestamp.from(now)).param("id", row.get().session()).update();
        }
        User u = user.get();
        return Optional.of(new BrowserUser(new AuthenticatedUser(u.id(), row.get().session(), u.roles()), u.email(),
                u.name()));
    }

    @Transactional
    public void signOut(AuthenticatedUser caller) {
        sessions.revoke(caller.id(), caller.sessionId(), "logout");
        audit.record(AuditEvent.of(caller.id(), "logout", "success", "session:" + caller.sessionId()));
    }

    public UserInfo register(String email, String password, String name, String inviteToken) {
        var registration = validated(new UserController.Registration(email, password, name, inviteToken));
        rateLimiter.check("register", registration.email());
        Secret secret = new Secret(registration.password().isEmpty() ? " " : registration.password());
        return UserInfo.of(registrations.register(registration.email(), secret, registration.name(),
                registration.inviteToken()));
    }

    /** Why the sign-up page should not offer its form (closed, no or a bad invite), in words; empty when it may. */
    public Optional<String> signUpRefusal(String inviteToken) {
        return registrations.refusal(inviteToken).map(Registrations::explain);
    }

    /** An invite link made now by an admin; the only time its token exists outside the hash. */
    public record NewInvite(String link, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewInvite[redacted]";
        }
    }

    /** {@code createdBy}: the email of the admin who made it (null once that account is gone). */
    public record InviteInfo(UUID id, Instant createdAt, Instant expiresAt, String state, String createdBy) {
        public boolean open() {
            return "open".equals(state);
        }
    }

    public NewInvite createInvite(AuthenticatedUser admin) {
        var created = invitations.create(admin);
        return new NewInvite(created.link(), created.invite().expiresAt());
    }

    public List<InviteInfo> invites(AuthenticatedUser admin, int limit) {
        return invitations.newest(admin, limit).stream()
                .map(l -> new InviteInfo(l.invite().id(), l.invite().createdAt(), l.invite().expiresAt(),
                        invitations.state(l.invite()), l.createdByEmail())).toList();
    }

    /** Only an open invite can be revoked; anything else is not found. */
    public void revokeInvite(AuthenticatedUser admin, UUID invite) {
        invitations.revoke(admin, invite);
    }

    public void verifyEmail(String token) {
        validated(new RecoveryController.TokenOnly(token));
        rateLimiter.check("email-verification", null);
        verification.confirm(new Secret(token.strip()));
    }

    public void requestPasswordReset(String email) {
        var request = validated(new RecoveryController.ResetRequest(email));
        rateLimiter.check("password-reset", request.email());
        passwords.requestReset(request.email());
    }

    public void resetPassword(String token, String newPassword) {
        validated(new RecoveryController.ResetConfirmation(token, newPassword));
        rateLimiter.check("password-reset-confirm", null);
        passwords.confirmReset(new Secret(token.strip()), new Secret(newPassword));
    }

    public void changePassword(AuthenticatedUser caller, String current, String newPassword) {
        validated(new UserController.PasswordChange(current, newPassword));
        rateLimiter.check("password-change", caller.id().toString());
        passwords.change(caller, new Secret(current), new Secret(newPassword));
    }

    public UserInfo profile(AuthenticatedUser caller) {
        return users.byId(caller.id()).map(UserInfo::of).orElseThrow(() -> ApiException.notFound("User"));
    }

    public List<SessionInfo> sessions(AuthenticatedUser caller) {
        return sessions.live(caller.id()).stream()
                .map(s -> new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.ip(), s.userAgent(),
                        s.id().equals(caller.sessionId())))
                .sorted(Comparator.comparing(SessionInfo::current).reversed())
                .toList();
    }

    /** Another user's session id is treated exactly like an unknown one. */
    @Transactional
    public void endSession(AuthenticatedUser caller, UUID session) {
        if (session == null || !sessions.revoke(caller.id(), session, "ended by owner")) {
            throw ApiException.notFound("Session");
        }
        audit.record(AuditEvent.of(caller.id(), "session.revoked", "success", "session:" + session));
    }

    @Transactional
    public int endAllSessions(AuthenticatedUser caller) {
        int ended = sessions.revokeAll(caller.id(), null, "logout everywhere");
        audit.record(new AuditEvent(caller.id(), "logout.all", "success", "user:" + caller.id(),
                RequestOrigin.current(), Map.of("sessions", String.valueOf(ended))));
        return ended;
    }

    public List<UserInfo> listUsers(AuthenticatedUser admin, int limit, int offset) {
        return administration.list(admin, limit, offset).stream().map(UserInfo::of).toList();
    }

    public UserInfo disable(AuthenticatedUser admin, UUID target) {
        return UserInfo.of(administration.disable(admin, new UserId(target)));
    }

    public UserInfo enable(AuthenticatedUser admin, UUID target) {
        return UserInfo.of(administration.enable(admin, new UserId(target)));
    }

    public int endSessionsOf(AuthenticatedUser admin, UUID target) {
        return administration.endSessions(admin, new UserId(target));
    }

    /** The API's own bean constraints on the API's own request records: one rule set for both front doors. */
    private <T> T validated(T request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElseThrow();
            throw ApiException.invalidField(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }
}
