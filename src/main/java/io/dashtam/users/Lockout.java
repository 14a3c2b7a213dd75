package io.dashtam.users;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Consecutive login failures of one account. After {@code threshold} failures in a row the account is locked for
 * {@code duration}; a success clears it. While locked no password is even checked, so guessing stops.
 */
record Lockout(int failures, Instant lockedUntil) {

    static final Lockout NONE = new Lockout(0, null);

    Lockout {
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    record Policy(int threshold, Duration duration) {
        Policy {
            Objects.requireNonNull(duration, "duration");
            if (threshold < 1 || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("lockout policy must be positive");
            }
        }
    }

    boolean isLocked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** Seconds until the lock ends, at least 1 while locked. */
    long retryAfterSeconds(Instant now) {
        if (!isLocked(now)) {
            return 0;
        }
        long millis = Duration.between(now, lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** One more failure; the one that reaches the threshold locks and starts a fresh count for afterwards. */
    Lockout afterFailure(Instant now, Policy policy) {
        if (isLocked(now)) {
            throw new IllegalStateException("a locked account cannot fail another attempt");
        }
        int count = failures + 1;
        if (count >= policy.threshold()) {
            return new Lockout(0, now.plus(policy.duration()));
        }
        return new Lockout(count, null);
    }

    /** Whether this state is the moment a lock began (for the audit row). */
    boolean justLocked(Instant now) {
        return failures == 0 && isLocked(now);
    }

    Lockout afterSuccess(Instant now) {
        if (isLocked(now)) {
            throw new IllegalStateException("a locked account cannot log in");
        }
        return NONE;
    }
}
