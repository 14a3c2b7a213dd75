package io.dashtam.users;

import io.dashtam.audit.AuditEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Mail before it is too late: the owner of a connection is told through the outbox, in the transaction that
 * changed the connection, when it needs re-authorization (with its deadline), when its deadline is near (the
 * providers module's reminder, 24 h before, once per deadline) and when it expired, so not only an open browser
 * tab knows. Only the provider and deadline go into the message, never a token.
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
        boolean near = audited.action().equals("provider.connection.deadline_near");
        if ((!reauth && !expired && !near) || audited.userId() == null) {
            return;
        }
        users.byId(audited.userId()).filter(u -> "active".equals(u.status())).ifPresent(user -> {
            String provider = audited.details().getOrDefault("provider", "provider");
            String deadline = audited.details().get("deadline");
            if (near) {
                outbox.enqueue(user.email(), "Your " + provider + " connection in Dashtam ends " + deadline, """
                        Hello %s,

                        your %s connection's authorization ends %s, in less than a day. Authorize it again
                        before then at %s (GET /api/v1/connections/{id}/authorization), or Dashtam stops syncing it.
                        """.formatted(user.name(), provider, deadline, properties.mail().linkBase()));
            } else if (reauth) {
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
