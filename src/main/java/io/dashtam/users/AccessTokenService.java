package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.InputValidator;
import io.dashtam.core.InvalidInputException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The caller's personal access tokens for scripts ({@code dashtam_pat_…}, sent as {@code Authorization: Bearer} to
 * the JSON API only): make one (shown once), list them with their last use, revoke one. Managing tokens needs a
 * signed-in session: a token cannot make or revoke tokens.
 */
@Service
public class AccessTokenService {

    static final int DEFAULT_DAYS = 90;

    private final PersonalTokens tokens;
    private final RateLimiter rateLimiter;
    private final InputValidator validator;
    private final java.time.Clock clock;

    AccessTokenService(PersonalTokens tokens, RateLimiter rateLimiter, InputValidator validator,
            java.time.Clock clock) {
        this.clock = clock;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
    }

    /** {@code expiresInDays} 1 to 366, 90 when left out. */
    public record NewToken(@NotBlank @Size(max = 100) String name, @NotBlank String scope,
            @Min(1) @Max(366) Integer expiresInDays) {
    }

    /** A token made now: {@code token} is in this answer and nowhere else, ever. */
    public record CreatedToken(UUID id, String name, String scope, String token, Instant createdAt,
            Instant expiresAt) {
        @Override
        public String toString() {
            return "CreatedToken[id=" + id + "]";
        }
    }

    public record TokenInfo(UUID id, String name, String scope, Instant createdAt, Instant expiresAt,
            Instant lastUsedAt, String lastUsedIp, boolean expired) {
    }

    public CreatedToken create(AuthenticatedUser caller, NewToken request) {
        requireSession(caller);
        validator.valid(request);
        rateLimiter.check("access-tokens", caller.id().toString());
        var scope = PersonalAccessToken.Scope.parse(request.scope()).orElseThrow(
                () -> InvalidInputException.field("scope", "must be read or write"));
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        var created = tokens.create(caller.id(), request.name().strip(), scope, Duration.ofDays(days));
        var t = created.token();
        return new CreatedToken(t.id(), t.name(), t.scope().value(), created.secret(), t.createdAt(), t.expiresAt());
    }

    public List<TokenInfo> list(AuthenticatedUser caller) {
        Instant now = clock.instant();
        return tokens.list(caller.id()).stream().map(t -> new TokenInfo(t.id(), t.name(), t.scope().value(),
                t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.lastUsedIp(),
                t.judge(now) == PersonalAccessToken.Verdict.EXPIRED)).toList();
    }

    public void revoke(AuthenticatedUser caller, UUID id) {
        requireSession(caller);
        tokens.revoke(caller.id(), id);
    }

    /** Passwords, second factors and tokens are managed signed in, never with a token a script holds. */
    static void requireSession(AuthenticatedUser caller) {
        if (caller.viaAccessToken()) {
            throw new ForbiddenException("Sign in with your password to manage access tokens, passwords and second "
                    + "factors; an access token cannot.");
        }
    }
}
