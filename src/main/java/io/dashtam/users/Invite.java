package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An admin's invite: one account may register with it, until it expires or an admin revokes it. Its life is
 * open → used | revoked | expired; only an open invite moves, and used and revoked are final.
 */
record Invite(UUID id, UserId createdBy, Instant createdAt, Instant expiresAt, Instant usedAt, UserId usedBy,
        Instant revokedAt, UserId revokedBy) {

    enum State {
        OPEN, USED, REVOKED, EXPIRED
    }

    Invite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invite must expire after it is made");
        }
        if (usedAt != null && revokedAt != null) {
            throw new IllegalArgumentException("an invite is used or revoked, not both");
        }
    }

    static Invite create(UserId admin, Instant now, java.time.Duration ttl) {
        return new Invite(UUID.randomUUID(), admin, now, now.plus(ttl), null, null, null, null);
    }

    /** Used and revoked win over expired: the admin's list keeps saying what happened after the expiry. */
    State state(Instant now) {
        if (usedAt != null) {
            return State.USED;
        }
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.OPEN : State.EXPIRED;
    }

    /** Uses the invite up for {@code user}; anything but an open invite throws. */
    Invite usedBy(UserId user, Instant now) {
        requireOpen(now);
        return new Invite(id, createdBy, createdAt, expiresAt, now, Objects.requireNonNull(user, "user"), null, null);
    }

    /** Takes the invite back; anything but an open invite throws (a used one made its account already). */
    Invite revokedBy(UserId admin, Instant now) {
        requireOpen(now);
        return new Invite(id, createdBy, createdAt, expiresAt, null, null, now, Objects.requireNonNull(admin, "admin"));
    }

    private void requireOpen(Instant now) {
        State state = state(now);
        if (state != State.OPEN) {
            throw new IllegalStateException("invite is " + state);
        }
    }
}
