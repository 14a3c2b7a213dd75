package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.AccessTokenVerifier;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.DomainException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.Hashing;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import io.dashtam.core.UnauthenticatedException;
import io.dashtam.core.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens: made (shown once), listed with their last use, revoked, and proven on each API call. A
 * token proves its owner only while it is unrevoked, unexpired and the account active; a read token proves nothing
 * for a write. Creation, revocation, each use from an address the token was not last used from, and every refused
 * use of a known token are audited (never the token).
 */
@Service
class PersonalTokens {

    private final PersonalAccessTokens tokens;
    private final AuditLog audit;
    private final Clock clock;

    PersonalTokens(PersonalAccessTokens tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    record Created(PersonalAccessToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.id() + "]";
        }
    }

    @Transactional
    Created create(UserId user, String name, PersonalAccessToken.Scope scope, Duration lifetime) {
        Instant now = clock.instant();
        var token = new PersonalAccessToken(UUID.randomUUID(), user, name, scope, now, now.plus(lifetime), null, null,
                null);
        String secret = PersonalAccessToken.PREFIX + Hashing.random();
        tokens.insert(token, secret);
        audit.record(AuditEvent.of(user, "pat.created", "success", "pat:" + token.id())
                .with("scope", scope.value()).with("expiresAt", token.expiresAt().toString()));
        return new Created(token, secret);
    }

    @Transactional(readOnly = true)
    List<PersonalAccessToken> list(UserId user) {
        return tokens.live(user);
    }

    /** Another user's token id (or none) is treated exactly like an unknown one. */
    @Transactional
    void revoke(UserId user, UUID id) {
        if (id == null || !tokens.revoke(user, id, clock.instant())) {
            throw new NotFoundException("Access token");
        }
        audit.record(AuditEvent.of(user, "pat.revoked", "success", "pat:" + id));
    }

    /** Every token of the user, e.g. with a disabled account or on the owner's request at a password change. */
    @Transactional
    int revokeAll(UserId user, String reason) {
        int revoked = tokens.revokeAll(user, clock.instant());
        if (revoked > 0) {
            audit.record(AuditEvent.of(user, "pat.revoked", "success", "user:" + user)
                    .with("tokens", String.valueOf(revoked)).with("reason", reason));
        }
        return revoked;
    }

    /** The caller a presented token proves for a request with {@code method}; refusals are committed with their rows. */
    @Transactional(noRollbackFor = DomainException.class)
    AuthenticatedUser verify(String secret, String method) {
        if (secret.length() > 100) {
            throw invalid();
        }
        Instant now = clock.instant();
        var presented = tokens.byToken(secret).orElseThrow(PersonalTokens::invalid);
        PersonalAccessToken token = presented.token();
        PersonalAccessToken.Verdict verdict = token.judge(now);
        if (verdict != PersonalAccessToken.Verdict.LIVE || !presented.accountActive()) {
            refused(token, verdict == PersonalAccessToken.Verdict.LIVE ? "account disabled"
                    : verdict.name().toLowerCase(java.util.Locale.ROOT));
            throw invalid();
        }
        if (token.scope() == PersonalAccessToken.Scope.READ && !AccessTokenVerifier.isRead(method)) {
            refused(token, "read token used to write");
            throw new ForbiddenException("This access token may only read (scope read); make a write token for this.");
        }
        String ip = RequestOrigin.current().ip();
        if (token.needsTouch(now, ip)) {
            tokens.touch(token.id(), now, ip);
            if (token.isNewAddress(ip)) {
                audit.record(AuditEvent.of(token.userId(), "pat.used_new_ip", "success", "pat:" + token.id())
                        .with("previousIp", token.lastUsedIp() == null ? "none" : token.lastUsedIp()));
            }
        }
        return new AuthenticatedUser(token.userId(), token.id(), presented.roles(),
                token.scope() == PersonalAccessToken.Scope.READ ? AuthenticatedUser.Credential.TOKEN_READ
                        : AuthenticatedUser.Credential.TOKEN_WRITE);
    }

    private void refused(PersonalAccessToken token, String reason) {
        audit.record(AuditEvent.of(token.userId(), "pat.used", "refused", "pat:" + token.id()).with("reason", reason));
    }

    private static UnauthenticatedException invalid() {
        return new UnauthenticatedException("The access token is unknown, revoked or expired");
    }
}
