package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import io.dashtam.audit.AuditLog;
import io.dashtam.core.ApiException;
import io.dashtam.core.AuthenticatedUser;
import io.dashtam.core.RequestOrigin;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin does with invites: make one (its link is shown once, only a hash is kept) and list them. */
@Service
class Invitations {

    private final Invites invites;
    private final AuditLog audit;
    private final Clock clock;
    private final UsersProperties properties;

    Invitations(Invites invites, AuditLog audit, Clock clock, UsersProperties properties) {
        this.invites = invites;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
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
        if (properties.registration() == RegistrationMode.CLOSED) {
            throw ApiException.conflict("Sign-up is closed (DASHTAM_REGISTRATION=closed), so an invite could not be "
                    + "used; set it to invite-only first");
        }
        Invite invite = Invite.create(admin.id(), clock.instant(), properties.inviteTtl());
        InviteToken token = InviteToken.random();
        invites.insert(invite, token);
        audit.record(new AuditEvent(admin.id(), "invite.created", "success", "invite:" + invite.id(),
                RequestOrigin.current(), Map.of("expiresAt", invite.expiresAt().toString())));
        return new Created(invite, token, properties.mail().linkBase() + "/app/signup?invite=" + token.value());
    }

    List<Invite> newest(AuthenticatedUser admin, int limit) {
        requireAdmin(admin);
        return invites.newest(limit);
    }

    /** The paths are admin-only already; this keeps a future caller from forgetting it. */
    private static void requireAdmin(AuthenticatedUser caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin manages invites");
        }
    }

    String state(Invite invite) {
        return invite.state(clock.instant()).name().toLowerCase(java.util.Locale.ROOT);
    }
}
