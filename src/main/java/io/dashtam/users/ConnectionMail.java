package io.dashtam.users;

import io.dashtam.core.PublicAddress;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionDeadlineNear;
import io.dashtam.providers.ConnectionStatusChanged;
import java.time.Instant;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Mail before it is too late: the owner of a connection is told through the outbox when it needs
 * re-authorization (with its deadline), when its deadline is near (the providers module's reminder, 24 h before,
 * once per deadline) and when it expired, so not only an open browser tab knows. After the change commits, in a
 * transaction of its own; the event publication registry keeps the mail owed until that commits. Only the
 * provider and deadline go into the message, never a token.
 */
@Component
class ConnectionMail {

    private final Outbox outbox;
    private final Users users;
    private final PublicAddress app;

    ConnectionMail(Outbox outbox, Users users, PublicAddress app) {
        this.outbox = outbox;
        this.users = users;
        this.app = app;
    }

    @ApplicationModuleListener
    void on(ConnectionStatusChanged changed) {
        switch (changed.status()) {
            case "reauth_required" -> mail(changed.userId(), changed.provider(), changed.deadline(), Kind.REAUTH);
            case "expired" -> mail(changed.userId(), changed.provider(), changed.deadline(), Kind.EXPIRED);
            default -> { }
        }
    }

    @ApplicationModuleListener
    void on(ConnectionDeadlineNear near) {
        mail(near.userId(), near.provider(), near.deadline(), Kind.NEAR);
    }

    private enum Kind { NEAR, REAUTH, EXPIRED }

    private void mail(UserId owner, String provider, Instant deadlineAt, Kind kind) {
        String deadline = deadlineAt == null ? null : deadlineAt.toString();
        String link = app.base();
        users.byId(owner).filter(u -> "active".equals(u.status())).ifPresent(user -> {
            switch (kind) {
                case NEAR -> outbox.enqueue(user.email(), "Your " + provider + " connection in Dashtam ends "
                        + deadline, """
                        Hello %s,

                        your %s connection's authorization ends %s, in less than a day. Authorize it again
                        before then at %s (GET /api/v1/connections/{id}/authorization), or Dashtam stops syncing it.
                        """.formatted(user.name(), provider, deadline, link));
                case REAUTH -> outbox.enqueue(user.email(), "Re-authorize your " + provider
                        + " connection in Dashtam", """
                        Hello %s,

                        your %s connection needs to be authorized again%s, or Dashtam can no longer sync it.
                        Open %s and connect it again (GET /api/v1/connections/{id}/authorization).
                        """.formatted(user.name(), provider, deadline == null ? "" : " before " + deadline, link));
                case EXPIRED -> outbox.enqueue(user.email(), "Your " + provider + " connection in Dashtam expired",
                        """
                        Hello %s,

                        your %s connection expired and no longer syncs. Authorize it again at %s to resume.
                        """.formatted(user.name(), provider, link));
            }
        });
    }
}
