package io.dashtam.providers.connections;

import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ConnectionInfo;
import io.dashtam.providers.ProviderType;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's link to one provider. State changes go through the methods below, each refusing a transition that
 * makes no sense from the current status. {@code deadline} is when the provider's grant dies (Schwab: 7 days
 * after authorization, never extended by a refresh).
 */
public record Connection(ConnectionId id, UserId userId, String providerKey, String category, String alias,
        ConnectionStatus status, String statusReason, Instant authorizedAt, Instant deadline, Instant createdAt,
        Instant updatedAt) {

    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        alias = Aliases.normalize(alias);
    }

    public static Connection create(UserId owner, ProviderType type, String alias, Instant now) {
        boolean noAuth = "none".equals(type.authKind()); // paste and redirect providers start pending
        return new Connection(ConnectionId.random(), owner, type.key(), type.category(), alias,
                noAuth ? ConnectionStatus.ACTIVE : ConnectionStatus.PENDING,
                noAuth ? null : "authorization required", noAuth ? now : null, null, now, now);
    }

    public Connection renamed(String newAlias, Instant now) {
        return new Connection(id, userId, providerKey, category, newAlias, status, statusReason, authorizedAt,
                deadline, createdAt, now);
    }

    /** A completed authorization (first or renewed) makes the connection usable until {@code deadline}. */
    public Connection activated(Instant now, Instant newDeadline) {
        Objects.requireNonNull(newDeadline, "deadline");
        if (!newDeadline.isAfter(now)) {
            throw new IllegalStateException("a new authorization must end in the future");
        }
        return with(ConnectionStatus.ACTIVE, null, now, newDeadline, now);
    }

    /** A pasted credential was claimed: usable until the provider revokes it (no deadline). */
    public Connection activatedUntilRevoked(Instant now) {
        return with(ConnectionStatus.ACTIVE, null, now, null, now);
    }

    /** The provider withdrew access for good (HTTP 403 from its data API); the user connects again. */
    public Connection revokedByProvider(Instant now, String reason) {
        require(status == ConnectionStatus.ACTIVE || status == ConnectionStatus.REAUTH_REQUIRED
                || status == ConnectionStatus.ERROR, "revoked");
        return with(ConnectionStatus.REVOKED, reason, authorizedAt, null, now);
    }

    /** Close to the deadline: syncs go on, but the user is asked to authorize again before it. */
    public Connection markReauthRequired(Instant now) {
        require(status == ConnectionStatus.ACTIVE, "reauth_required");
        return with(ConnectionStatus.REAUTH_REQUIRED, "re-authorize before " + deadline, authorizedAt, deadline, now);
    }

    /** The grant is dead (deadline passed, or the provider refused the refresh token for good). */
    public Connection markExpired(Instant now, String reason) {
        require(status == ConnectionStatus.ACTIVE || status == ConnectionStatus.REAUTH_REQUIRED, "expired");
        return with(ConnectionStatus.EXPIRED, reason, authorizedAt, deadline, now);
    }

    /** The provider no longer accepts our client credentials for this grant. */
    public Connection markReauthRequiredByProvider(Instant now, String reason) {
        require(status == ConnectionStatus.ACTIVE || status == ConnectionStatus.REAUTH_REQUIRED, "reauth_required");
        return with(ConnectionStatus.REAUTH_REQUIRED, reason, authorizedAt, deadline, now);
    }

    public Connection markError(Instant now, String reason) {
        require(status == ConnectionStatus.ACTIVE || status == ConnectionStatus.REAUTH_REQUIRED, "error");
        return with(ConnectionStatus.ERROR, reason, authorizedAt, deadline, now);
    }

    /** Disconnected by the user: tokens gone. */
    public Connection revoked(Instant now) {
        require(status != ConnectionStatus.REVOKED, "revoked");
        return with(ConnectionStatus.REVOKED, "disconnected", authorizedAt, null, now);
    }

    public boolean usesOAuth() {
        return !category.equals("file");
    }

    /** Usable for API calls: active, or reauth_required while the deadline is still ahead. */
    public boolean usableAt(Instant now) {
        return status == ConnectionStatus.ACTIVE
                || status == ConnectionStatus.REAUTH_REQUIRED && deadline != null && now.isBefore(deadline);
    }

    ConnectionInfo info() {
        return new ConnectionInfo(id, userId, providerKey, category, alias, status.db());
    }

    private void require(boolean allowed, String target) {
        if (!allowed) {
            throw new IllegalStateException("connection " + id + " cannot become " + target + " from " + status.db());
        }
    }

    private Connection with(ConnectionStatus newStatus, String reason, Instant authorized, Instant newDeadline,
            Instant now) {
        return new Connection(id, userId, providerKey, category, alias, newStatus, reason, authorized, newDeadline,
                createdAt, now);
    }
}
