package io.dashtam.users;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One refresh token of a session (only its hash is stored). It is good for one use: using it rotates it, and a
 * second use of a rotated token means it was copied, so the whole session must end.
 */
record RefreshToken(UUID sessionId, Instant issuedAt, Instant expiresAt, Instant rotatedAt,
        Instant sessionRevokedAt) {

    RefreshToken {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    enum Verdict {
        /** Valid: rotate it and hand out a new pair in the same session. */
        ROTATE,
        /** Already rotated: someone replays it; revoke the session. */
        REUSED,
        /** Past its lifetime. */
        EXPIRED,
        /** Its session was revoked (logout, reset, reuse, admin). */
        SESSION_ENDED
    }

    /** What presenting this token at {@code now} means. Reuse wins over everything so it is always detected. */
    Verdict judge(Instant now) {
        if (rotatedAt != null) {
            return Verdict.REUSED;
        }
        if (sessionRevokedAt != null) {
            return Verdict.SESSION_ENDED;
        }
        if (!now.isBefore(expiresAt)) {
            return Verdict.EXPIRED;
        }
        return Verdict.ROTATE;
    }

    /** This token, used up. Only a token judged {@link Verdict#ROTATE} may rotate. */
    RefreshToken rotated(Instant now) {
        if (judge(now) != Verdict.ROTATE) {
            throw new IllegalStateException("refresh token cannot rotate: " + judge(now));
        }
        return new RefreshToken(sessionId, issuedAt, expiresAt, now, sessionRevokedAt);
    }
}
