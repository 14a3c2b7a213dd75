package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A script's credential: named, read or write, until revoked or expired. The token itself is never kept. */
record PersonalAccessToken(UUID id, UserId userId, String name, Scope scope, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt, String lastUsedIp, Instant revokedAt) {

    static final String PREFIX = "dashtam_pat_";

    enum Scope {
        READ, WRITE;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static java.util.Optional<Scope> parse(String value) {
            return java.util.Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
        }
    }

    /** Why a presented token does or does not prove its owner now. */
    enum Verdict {
        LIVE, REVOKED, EXPIRED
    }

    PersonalAccessToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    Verdict judge(Instant now) {
        if (revokedAt != null) {
            return Verdict.REVOKED;
        }
        return now.isBefore(expiresAt) ? Verdict.LIVE : Verdict.EXPIRED;
    }

    /** A use from an address this token was not last used from (its first use included): worth an audit row. */
    boolean isNewAddress(String ip) {
        return !Objects.equals(lastUsedIp, ip);
    }

    /** "Last used" is written when the address changes or at most once a minute, not on every call. */
    boolean needsTouch(Instant now, String ip) {
        return isNewAddress(ip) || lastUsedAt == null || lastUsedAt.isBefore(now.minusSeconds(60));
    }
}
