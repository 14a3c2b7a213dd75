package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mail before it is too late: the owner of a connection is told through the outbox, in the transaction that
 * changed the connection, when it needs re-authorization (with its deadline) and when it expired, so not only
 * an open browser tab knows. Only the provider and deadline go into the message, never a token.
 */
@Component
class ConnectionMail {

    private final Outbox outbox;
    private final Users users;
    private final UsersProperties properties;

    ConnectionMail(Outbox outbox, Users users, UsersProperties properties) {
        this.outbox = outbox;
        this.users = users;
        this.properties = properties;
    }

    @EventListener
    void on(AuditEvent audited) {
        boolean reauth = audited.action().equals("provider.connection.reauth_required");
        boolean expired = audited.action().equals("provider.connection.expired");
        if ((!reauth && !expired) || audited.userId() == null) {
            return;
        }
        users.byId(audited.userId()).filter(u -> "active".equals(u.status())).ifPresent(user -> {
            String provider = audited.details().getOrDefault("provider", "provider");
            String deadline = audited.details().get("deadline");
            if (reauth) {
                outbox.enqueue(user.email(), "Re-authorize your " + provider + " connection in Dashtam", """
                        Hello %s,

                        your %s connection needs to be authorized again%s, or Dashtam can no longer sync it.
                        Open %s and connect it again (GET /api/v1/connections/{id}/authorization).
                        """.formatted(user.name(), provider, deadline == null ? "" : " before " + deadline,
                        properties.mail().linkBase()));
            } else {
                outbox.enqueue(user.email(), "Your " + provider + " connection in Dashtam expired", """
                        Hello %s,

                        your %s connection expired and no longer syncs. Authorize it again at %s to resume.
                        """.formatted(user.name(), provider, properties.mail().linkBase()));
            }
        });
    }
}
