package io.dashtam.users;

import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.Set;

/** A registered person. The password hash never leaves this module and never prints. */
record User(UserId id, String email, String name, String passwordHash, String role, String status,
        Instant createdAt) {

    boolean isActive() {
        return "active".equals(status);
    }

    Set<String> roles() {
        return "admin".equals(role) ? Set.of("user", "admin") : Set.of("user");
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + ", status=" + status + "]";
    }
}
