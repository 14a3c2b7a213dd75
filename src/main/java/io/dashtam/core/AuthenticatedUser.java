package io.dashtam.core;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** The caller of an API request, as proven by a verified access token. */
public record AuthenticatedUser(UserId id, UUID sessionId, Set<String> roles) {

    public AuthenticatedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
