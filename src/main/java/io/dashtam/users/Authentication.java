package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.RateLimitedException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.Secret;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.core.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Login (password → session) and refresh (refresh token → rotated pair), with the lockout and reuse rules.
 * Refusals commit what they recorded (lockout counts, a revoked session, audit rows) before answering.
 */
@Service
class Authentication {

    private final Users users;
    private final PasswordPolicy passwords;
    private final Sessions sessions;
    private final AccessTokens accessTokens;
    private final Lockouts lockouts;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties properties;
    private final SecondFactor secondFactor;
    private final OidcProperties oidc;

    Authentication(Users users, PasswordPolicy passwords, Sessions sessions, AccessTokens accessTokens,
            Lockouts lockouts, AuditLog audit, Clock clock, UsersProperties properties, SecondFactor secondFactor,
            OidcProperties oidc) {
        this.secondFactor = secondFactor;
        this.oidc = oidc;
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.lockouts = lockouts;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional(noRollbackFor = DomainException.class)
    TokenResponse login(String email, Secret password, String otp) {
        User user = verified(email, password, otp);
        Sessions.IssuedRefresh refresh = sessions.open(user.id());
        audit.record(AuditEvent.of(user.id(), "login", "success", "session:" + refresh.sessionId()));
        return TokenResponse.of(accessTokens.issue(user.id(), refresh.sessionId(), user.roles()), refresh,
                properties.accessTokenTtl().toSeconds());
    }

    /**
     * A browser's sign-in: the same checks as {@link #login}, then only a session bound to a new cookie token (no
     * refresh token, no access token), all in this one transaction.
     */
    @Transactional(noRollbackFor = DomainException.class)
    Sessions.BrowserSession signIn(String email, Secret password, String otp) {
        User user = verified(email, password, otp);
        Sessions.BrowserSession session = sessions.openBrowser(user.id());
        audit.record(AuditEvent.of(user.id(), "login", "success", "session:" + session.sessionId()));
        return session;
    }

    /**
     * The active account these credentials prove, with the lockout rules; refusals are audited. A wrong password and
     * a wrong second-factor code both count toward the lockout. The second factor is asked for only once the
     * password was right, and that refusal names nothing else about the account.
     */
    private User verified(String email, Secret password, String otp) {
        if (oidc.required()) { // nothing about the account is looked at: the answer is the same for everyone
            record(null, "login", "refused", "single sign-on required");
            throw new ForbiddenException("This Dashtam signs in with " + oidc.name() + " only.",
                    Map.of("reason", "sso_required"));
        }
        Instant now = clock.instant();
        String account = email.trim().toLowerCase(Locale.ROOT);
        Lockout lockout = lockouts.lock(account, now);
        Optional<User> user = users.byEmail(account);
        UserId id = user.map(User::id).orElse(null);
        if (lockout.isLocked(now)) {
            record(id, "login", "refused", "account locked");
            throw locked(lockout.retryAfterSeconds(now));
        }
        if (!passwords.matches(password, user.map(User::passwordHash).orElse(null))) {
            failed(account, lockout, now, id, "bad credentials");
            throw new UnauthenticatedException("Wrong email or password");
        }
        lockout.afterSuccess(now); // the domain guard: never reached while locked
        User found = user.get();
        if (!found.isActive()) {
            lockouts.clear(account);
            record(id, "login", "refused", "account disabled");
            throw new ForbiddenException("This account is disabled");
        }
        if (properties.requireVerifiedEmail() && !found.isEmailVerified()) {
            lockouts.clear(account);
            record(id, "login", "refused", "email not verified");
            throw new ForbiddenException("Verify your email address first: open the link in the mail we sent when "
                    + "you signed up, or ask for a new one.", Map.of("reason", "email_unverified"));
        }
        if (secondFactor.enabled(found.id())) {
            if (otp == null || otp.isBlank()) {
                record(id, "login", "refused", "second factor required");
                throw new UnauthenticatedException("Enter the code from your authenticator app (or one of your "
                        + "recovery codes) with your email and password.", "mfa-required");
            }
            SecondFactor.Verdict verdict = secondFactor.verify(found.id(), otp);
            if (verdict == SecondFactor.Verdict.WRONG) {
                failed(account, lockout, now, id, "bad second factor");
                throw new UnauthenticatedException("That code is wrong, expired or already used. Enter the current "
                        + "code from your authenticator app, or an unused recovery code.", "mfa-invalid");
            }
        }
        lockouts.clear(account);
        return found;
    }

    /** One more failure on the account; the one that reaches the threshold locks it (and is audited as such). */
    private void failed(String account, Lockout lockout, Instant now, UserId id, String reason) {
        Lockout next = lockout.afterFailure(now, new Lockout.Policy(properties.lockoutThreshold(),
                properties.lockoutDuration()));
        lockouts.save(account, next, now);
        record(id, "login", "failure", reason);
        if (next.justLocked(now)) {
            audit.record(new AuditEvent(id, "login.lockout", "locked", "account", RequestOrigin.current(),
                    Map.of("until", next.lockedUntil().toString(),
                            "failures", String.valueOf(properties.lockoutThreshold()))));
        }
    }

    @Transactional(noRollbackFor = DomainException.class)
    TokenResponse refresh(Secret token) {
        Instant now = clock.instant();
        Sessions.Presented presented = sessions.lockToken(token).orElse(null);
        if (presented == null) {
            record(null, "token.refresh", "failure", "unknown refresh token");
            throw invalidRefresh();
        }
        UserId id = presented.userId();
        String subject = "session:" + presented.token().sessionId();
        switch (presented.token().judge(now)) {
            case REUSED -> {
                sessions.revoke(id, presented.token().sessionId(), "refresh token reuse");
                audit.record(new AuditEvent(id, "token.reuse_detected", "session_revoked", subject,
                        RequestOrigin.current(), Map.of()));
                throw invalidRefresh();
            }
            case SESSION_ENDED, EXPIRED -> {
                audit.record(new AuditEvent(id, "token.refresh", "failure", subject, RequestOrigin.current(),
                        Map.of("reason", presented.token().judge(now).name().toLowerCase(Locale.ROOT))));
                throw invalidRefresh();
            }
            case ROTATE -> {
                User user = users.byId(id).filter(User::isActive).orElse(null);
                if (user == null) {
                    record(id, "token.refresh", "failure", "account disabled");
                    throw invalidRefresh();
                }
                Sessions.IssuedRefresh next = sessions.rotate(token, presented.token());
                audit.record(AuditEvent.of(id, "token.refresh", "success", subject));
                return TokenResponse.of(accessTokens.issue(id, next.sessionId(), user.roles()), next,
                        properties.accessTokenTtl().toSeconds());
            }
            default -> throw new IllegalStateException();
        }
    }

    private void record(UserId user, String action, String outcome, String reason) {
        audit.record(new AuditEvent(user, action, outcome, user == null ? "account" : "user:" + user,
                RequestOrigin.current(), Map.of("reason", reason)));
    }

    private static RateLimitedException locked(long retryAfterSeconds) {
        return new RateLimitedException("Too many failed sign-ins: this account is locked. Try again "
                + RateLimitedException.in(retryAfterSeconds) + ", or ask an admin to unlock it.", retryAfterSeconds,
                Map.of("reason", "account_locked"));
    }

    private static UnauthenticatedException invalidRefresh() {
        return new UnauthenticatedException("The refresh token is invalid, expired or already used");
    }
}
