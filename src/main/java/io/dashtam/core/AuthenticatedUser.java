package io.dashtam.core;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The caller of a request, as proven by a verified credential: a session (browser cookie or access token, then
 * {@code sessionId} is the session) or a personal access token ({@code sessionId} is the token's id).
 */
public record AuthenticatedUser(UserId id, UUID sessionId, Set<String> roles, Credential credential) {

    /** What proved the caller, and so what it may do. */
    public enum Credential {
        /** A signed-in session: everything the account may do. */
        SESSION,
        /** A personal access token of scope read: JSON API reads only. */
        TOKEN_READ,
        /** A personal access token of scope write: the JSON API, but never managing credentials. */
        TOKEN_WRITE
    }

    public AuthenticatedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(credential, "credential");
        roles = Set.copyOf(roles);
    }

    /** A signed-in session's caller. */
    public AuthenticatedUser(UserId id, UUID sessionId, Set<String> roles) {
        this(id, sessionId, roles, Credential.SESSION);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Proven by a personal access token rather than a sign-in: it may not manage passwords, factors or tokens. */
    public boolean viaAccessToken() {
        return credential != Credential.SESSION;
    }

    public boolean mayWrite() {
        return credential != Credential.TOKEN_READ;
    }
}
