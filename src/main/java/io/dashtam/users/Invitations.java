package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.PublicAddress;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.ConflictException;
import io.dashtam.core.ForbiddenException;
import io.dashtam.core.NotFoundException;
import io.dashtam.core.RequestOrigin;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin does with invites: make one (its link is shown once, only a hash is kept), list and revoke them. */
@Service
class Invitations {

    private final Invites invites;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties properties;
    private final RegistrationSetting setting;
    private final PublicAddress app;

    Invitations(Invites invites, AuditLog audit, Clock clock, UsersProperties properties,
            RegistrationSetting setting, PublicAddress app) {
        this.app = app;
        this.invites = invites;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.setting = setting;
    }

    /** A new invite and the only copy of its link. */
    record Created(Invite invite, InviteToken token, String link) {
        @Override
        public String toString() {
            return "Created[invite=" + invite.id() + "]";
        }
    }

    @Transactional
    Created create(AuthenticatedUser admin) {
        requireAdmin(admin);
        if (setting.effective() == RegistrationMode.CLOSED) {
            throw new ConflictException("Sign-up is closed, so an invite could not be used; set registration to "
                    + "invite-only first");
        }
        Invite invite = Invite.create(admin.id(), clock.instant(), properties.inviteTtl());
        InviteToken token = InviteToken.random();
        invites.insert(invite, token);
        audit.record(new AuditEvent(admin.id(), "invite.created", "success", "invite:" + invite.id(),
                RequestOrigin.current(), Map.of("expiresAt", invite.expiresAt().toString())));
        return new Created(invite, token, app.base() + "/app/signup?invite=" + token.value());
    }

    List<Invites.Listed> newest(AuthenticatedUser admin, int limit) {
        requireAdmin(admin);
        return invites.newest(limit);
    }

    /**
     * Takes back an open invite: its link is refused from now on, on every replica (the sign-up locks the same
     * row). Unknown, used, revoked and expired invites are all "not found": there is no open invite to revoke.
     */
    @Transactional
    Invite revoke(AuthenticatedUser admin, UUID id) {
        requireAdmin(admin);
        Instant now = clock.instant();
        Invite invite = invites.lock(id).filter(i -> i.state(now) == Invite.State.OPEN)
                .orElseThrow(() -> NotFoundException.because("No open invite with this id"));
        Invite revoked = invite.revokedBy(admin.id(), now);
        if (!invites.markRevoked(revoked)) {
            throw new IllegalStateException("a locked, open invite could not be marked revoked");
        }
        audit.record(new AuditEvent(admin.id(), "invite.revoked", "success", "invite:" + id,
                RequestOrigin.current(), Map.of("createdBy", invite.createdBy().toString())));
        return revoked;
    }

    /** The paths are admin-only already; this keeps a future caller from forgetting it. */
    private static void requireAdmin(AuthenticatedUser caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an admin manages invites");
        }
    }

    String state(Invite invite) {
        return invite.state(clock.instant()).name().toLowerCase(java.util.Locale.ROOT);
    }
}
