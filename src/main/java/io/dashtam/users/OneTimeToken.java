package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Objects;

/** A mailed single-use token (email verification, password reset): good once, until it expires. */
record OneTimeToken(UserId userId, Purpose purpose, Instant expiresAt, Instant usedAt) {

    enum Purpose {
        EMAIL_VERIFICATION("email_verification"), PASSWORD_RESET("password_reset");

        final String column;

        Purpose(String column) {
            this.column = column;
        }
    }

    OneTimeToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    boolean isRedeemable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    /** Uses the token up; a used or expired one throws. */
    OneTimeToken redeemed(Instant now) {
        if (!isRedeemable(now)) {
            throw new IllegalStateException("token already used or expired");
        }
        return new OneTimeToken(userId, purpose, expiresAt, now);
    }
}
