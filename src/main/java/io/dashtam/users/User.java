package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Set;

/** A registered person. The password hash never leaves this module and never prints. */
record User(UserId id, String email, String name, String passwordHash, String role, String status,
        Instant emailVerifiedAt, Instant createdAt) {

    User(UserId id, String email, String name, String passwordHash, String role, String status, Instant createdAt) {
        this(id, email, name, passwordHash, role, status, null, createdAt);
    }

    boolean isActive() {
        return "active".equals(status);
    }

    boolean isAdmin() {
        return "admin".equals(role);
    }

    boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    Set<String> roles() {
        return isAdmin() ? Set.of("user", "admin") : Set.of("user");
    }

    /** Guarded: only an active account can be disabled (the caller turns a refusal into 409). */
    User disabled() {
        if (!isActive()) {
            throw new IllegalStateException("already disabled");
        }
        return new User(id, email, name, passwordHash, role, "disabled", emailVerifiedAt, createdAt);
    }

    User enabled() {
        if (isActive()) {
            throw new IllegalStateException("already active");
        }
        return new User(id, email, name, passwordHash, role, "active", emailVerifiedAt, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + ", status=" + status + "]";
    }
}
