package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An admin's invite: one account may register with it, until it expires. */
record Invite(UUID id, UserId createdBy, Instant createdAt, Instant expiresAt, Instant usedAt, UserId usedBy) {

    enum State {
        OPEN, USED, EXPIRED
    }

    Invite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invite must expire after it is made");
        }
    }

    static Invite create(UserId admin, Instant now, java.time.Duration ttl) {
        return new Invite(UUID.randomUUID(), admin, now, now.plus(ttl), null, null);
    }

    /** Used wins over expired: a used invite stays "used" in the admin's list after its expiry. */
    State state(Instant now) {
        if (usedAt != null) {
            return State.USED;
        }
        return now.isBefore(expiresAt) ? State.OPEN : State.EXPIRED;
    }

    /** Uses the invite up for {@code user}; anything but an open invite throws. */
    Invite usedBy(UserId user, Instant now) {
        if (state(now) != State.OPEN) {
            throw new IllegalStateException("invite is " + state(now));
        }
        return new Invite(id, createdBy, createdAt, expiresAt, now, Objects.requireNonNull(user, "user"));
    }
}
