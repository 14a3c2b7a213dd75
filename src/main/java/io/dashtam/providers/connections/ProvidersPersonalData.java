package io.dashtam.providers.connections;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionDeleted;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's connections for their export, without their tokens or credentials (those stay sealed and are never
 * exported). Erasure: each connection is deleted the way a user deletes one ({@link ConnectionDeleted} in the same
 * transaction takes its sync history and portfolio data along); tokens, credentials and pending authorizations go
 * with it (foreign keys). None of the providers offers a way to revoke a grant from here (Schwab and SimpleFIN leave that to the
 * user at the provider; the built-in sandboxes' grants die with the tokens), so nothing is called outside.
 */
@Component
@Order(200)
class ProvidersPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final Connections connections;
    private final org.springframework.context.ApplicationEventPublisher events;

    ProvidersPersonalData(JdbcClient jdbc, Connections connections,
                          org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.connections = connections;
        this.events = events;
    }

    @Override
    public void erase(UserId user) {
        for (Connection connection : connections.forUser(user)) {
            connections.delete(connection.id(), user);
            events.publishEvent(new ConnectionDeleted(connection.id(), user));
        }
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        String json = jdbc.sql("""
                SELECT coalesce(json_agg(json_build_object('id', id, 'provider', provider_key, 'category', category,
                    'alias', alias, 'status', status, 'statusReason', status_reason,
                    'authorizedAt', to_char(authorized_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'deadline', to_char(deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
                    ORDER BY created_at, id), '[]'::json)::text
                FROM provider_connections WHERE user_id = :user""").param("user", user.value())
                .query(String.class).single();
        try (OutputStream out = archive.file("connections.json")) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
