package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with an identity an OpenID provider vouched for (the web adapter has checked state, nonce, PKCE and the ID
 * token). The account is found by the issuer's subject, never by email alone; a first sign-in links an existing
 * account only when the issuer verified its email and an admin opted in ({@code DASHTAM_OIDC_AUTO_LINK}), and
 * creates one only when registration allows it. The provider's own second factor stands for Dashtam's. Every
 * outcome is audited.
 */
@Service
public class SingleSignOnService {

    /** What the ID token (and user info) said; {@code email} may be null. */
    public record Identity(String issuer, String subject, String email, boolean emailVerified, String name) {
        @Override
        public String toString() {
            return "Identity[issuer=" + issuer + ", subject=" + subject + "]";
        }
    }

    private final Identities identities;
    private final Users users;
    private final Sessions sessions;
    private final RegistrationSetting registration;
    private final PasswordPolicy passwords;
    private final EmailVerification verification;
    private final UsersProperties properties;
    private final OidcProperties oidc;
    private final AuditLog audit;
    private final Clock clock;

    SingleSignOnService(Identities identities, Users users, Sessions sessions, RegistrationSetting registration,
            PasswordPolicy passwords, EmailVerification verification, UsersProperties properties,
            OidcProperties oidc, AuditLog audit, Clock clock) {
        this.identities = identities;
        this.users = users;
        this.sessions = sessions;
        this.registration = registration;
        this.passwords = passwords;
        this.verification = verification;
        this.properties = properties;
        this.oidc = oidc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A browser session for the identity's account, or a refusal saying why in words (committed with its audit). */
    @Transactional(noRollbackFor = DomainException.class)
    public SessionService.SignedIn signIn(Identity identity) {
        Instant now = clock.instant();
        User user = identities.use(identity.issuer(), identity.subject(), now).flatMap(users::byId)
                .orElseGet(() -> firstSignIn(identity, now));
        if (!user.isActive()) {
            refuse(user.id(), identity, "account disabled");
            throw new ForbiddenException("This account is disabled.", Map.of("reason", "account_disabled"));
        }
        if (properties.requireVerifiedEmail() && !user.isEmailVerified()) {
            refuse(user.id(), identity, "email not verified");
            throw new ForbiddenException("Verify your email address first: open the link in the mail we sent, or "
                    + "ask for a new one.", Map.of("reason", "email_unverified"));
        }
        Sessions.BrowserSession session = sessions.openBrowser(user.id());
        audit.record(new AuditEvent(user.id(), "login", "success", "session:" + session.sessionId(),
                RequestOrigin.current(), Map.of("method", "oidc", "issuer", identity.issuer())));
        return new SessionService.SignedIn(session.cookieToken(),
                Duration.between(now, session.expiresAt()).toSeconds());
    }

    /** A refusal before any account was known (a bad state, nonce, ID token, or the provider's error), audited. */
    @Transactional
    public void failed(String reason) {
        audit.record(new AuditEvent(null, "login", "failure", "oidc", RequestOrigin.current(),
                Map.of("method", "oidc", "reason", reason)));
    }

    private User firstSignIn(Identity identity, Instant now) {
        Optional<User> byEmail = identity.email() == null ? Optional.empty() : users.byEmail(identity.email());
        if (byEmail.isPresent()) {
            User owner = byEmail.get();
            if (oidc.autoLinkVerifiedEmail() && identity.emailVerified()) {
                link(identity, owner.id(), now, "verified email (auto-link)");
                return owner;
            }
            throw notLinked(identity);
        }
        if (identity.email() == null || identity.email().isBlank() || identity.email().length() > 254) {
            throw notLinked(identity);
        }
        boolean first = users.emptyForFirstUser();
        RegistrationMode.Admission admission = registration.effective().admit(first, false);
        if (admission.refused() || admission == RegistrationMode.Admission.NEEDS_VALID_INVITE) {
            throw notLinked(identity);
        }
        boolean admin = admission == RegistrationMode.Admission.FIRST_ADMIN;
        String name = identity.name() == null || identity.name().isBlank() ? identity.email() : identity.name();
        // No password: a random one nobody knows (a password can be set later through "forgot password").
        User user = new User(UserId.random(), identity.email().strip(), name.strip(),
                passwords.hash(Tokens.newToken()), admin ? "admin" : "user", "active", now);
        if (!users.insert(user)) {
            throw notLinked(identity); // the email was registered meanwhile
        }
        audit.record(new AuditEvent(user.id(), "user.registered", "success", "user:" + user.id(),
                RequestOrigin.current(), Map.of("method", "oidc", "issuer", identity.issuer())));
        link(identity, user.id(), now, "new account");
        if (identity.emailVerified()) {
            users.markVerified(user.id(), now, admin || properties.isAdminEmail(user.email()));
            return users.byId(user.id()).orElseThrow();
        }
        verification.send(user);
        return user;
    }

    private void link(Identity identity, UserId user, Instant now, String reason) {
        if (!identities.link(identity.issuer(), identity.subject(), user, now)) {
            throw notLinked(identity);
        }
        audit.record(new AuditEvent(user, "sso.linked", "success", "user:" + user, RequestOrigin.current(),
                Map.of("issuer", identity.issuer(), "reason", reason)));
    }

    private ForbiddenException notLinked(Identity identity) {
        refuse(null, identity, "no linked account");
        return new ForbiddenException("No Dashtam account is linked to this " + oidc.name() + " sign-in, and none "
                + "can be made for it here. Sign in with your password, or ask the admin.",
                Map.of("reason", "sso_not_linked"));
    }

    private void refuse(UserId user, Identity identity, String reason) {
        audit.record(new AuditEvent(user, "login", "refused", user == null ? "oidc" : "user:" + user,
                RequestOrigin.current(), Map.of("method", "oidc", "issuer", identity.issuer(), "reason", reason)));
    }
}
