package io.dashtam.users;

import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What an admin does with accounts and invites: list users, disable or re-enable one, end all of a user's sessions;
 * make an invite (its link is shown once), list and revoke them. Who may sign up is {@link RegistrationSetting}.
 * Every call checks the caller is an admin, whatever the path already checked.
 */
@Service
public class AdminService {

    private final UserAdministration administration;
    private final Invitations invitations;

    AdminService(UserAdministration administration, Invitations invitations) {
        this.administration = administration;
        this.invitations = invitations;
    }

    /** An invite link made now; the only time its token exists outside the hash. */
    public record NewInvite(UUID id, String token, String link, Instant createdAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewInvite[id=" + id + "]";
        }
    }

    /** An invite as the admin's list shows it; {@code createdByEmail} is null once that account is gone. */
    public record InviteInfo(UUID id, UserId createdBy, String createdByEmail, Instant createdAt, Instant expiresAt,
            String state, Instant usedAt, UserId usedBy, Instant revokedAt, UserId revokedBy) {
        public boolean open() {
            return "open".equals(state);
        }
    }

    /** An account as the admin list shows it: with whether it is locked out (until when) and has a second factor. */
    public record AdminUserInfo(UUID id, String email, String name, String role, String status, boolean emailVerified,
            Instant createdAt, Instant lockedUntil, boolean secondFactor) {
        public boolean locked() {
            return lockedUntil != null;
        }
    }

    public List<AdminUserInfo> users(AuthenticatedUser admin, int limit, int offset) {
        List<User> page = administration.list(admin, limit, offset);
        var standing = administration.standing(page);
        return page.stream().map(u -> {
            var s = standing.get(u.id());
            return new AdminUserInfo(u.id().value(), u.email(), u.name(), u.role(), u.status(), u.isEmailVerified(),
                    u.createdAt(), s.lockedUntil(), s.secondFactor());
        }).toList();
    }

    /** Lifts the account's sign-in lockout now (audited). */
    public void unlock(AuthenticatedUser admin, UserId target) {
        administration.unlock(admin, target);
    }

    /** Removes the account's second factor (audited, and the owner is mailed). */
    public void resetSecondFactor(AuthenticatedUser admin, UserId target) {
        administration.resetSecondFactor(admin, target);
    }

    public AccountService.UserInfo disable(AuthenticatedUser admin, UserId target) {
        return AccountService.UserInfo.of(administration.disable(admin, target));
    }

    public AccountService.UserInfo enable(AuthenticatedUser admin, UserId target) {
        return AccountService.UserInfo.of(administration.enable(admin, target));
    }

    public int endSessions(AuthenticatedUser admin, UserId target) {
        return administration.endSessions(admin, target);
    }

    public NewInvite createInvite(AuthenticatedUser admin) {
        var created = invitations.create(admin);
        return new NewInvite(created.invite().id(), created.token().value(), created.link(),
                created.invite().createdAt(), created.invite().expiresAt());
    }

    /** Newest first, with who made them and their state (open, used, revoked, expired). */
    public List<InviteInfo> invites(AuthenticatedUser admin, int limit) {
        return invitations.newest(admin, limit).stream().map(l -> {
            Invite i = l.invite();
            return new InviteInfo(i.id(), i.createdBy(), l.createdByEmail(), i.createdAt(), i.expiresAt(),
                    invitations.state(i), i.usedAt(), i.usedBy(), i.revokedAt(), i.revokedBy());
        }).toList();
    }

    /** Only an open invite can be revoked; anything else is not found. */
    public void revokeInvite(AuthenticatedUser admin, UUID invite) {
        invitations.revoke(admin, invite);
    }
}
