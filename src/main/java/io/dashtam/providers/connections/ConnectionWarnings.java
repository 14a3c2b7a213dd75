package io.dashtam.providers.connections;

import io.dashtam.core.UserId;
import io.dashtam.providers.ConnectionId;
import io.dashtam.providers.ProviderWarnings;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The connection_warnings table: a connection's latest provider warnings, replaced by each sync that reads it. */
@Repository
public class ConnectionWarnings {

    /** Warnings as stored, with when the provider reported them. */
    public record Reported(List<String> messages, Instant at) {
        public static final Reported NONE = new Reported(List.of(), null);
    }

    private final JdbcClient jdbc;

    ConnectionWarnings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the connection's warnings; none clears them. A connection deleted meanwhile gets no row. */
    void replace(ConnectionId id, ProviderWarnings warnings, Instant now) {
        if (warnings.isEmpty()) {
            jdbc.sql("DELETE FROM connection_warnings WHERE connection_id = :c").param("c", id.value()).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO connection_warnings (connection_id, messages, reported_at)
                SELECT id, :m, :now FROM provider_connections WHERE id = :c
                ON CONFLICT (connection_id) DO UPDATE SET messages = EXCLUDED.messages,
                    reported_at = EXCLUDED.reported_at""")
                .param("c", id.value()).param("m", warnings.messages().toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    public Reported find(ConnectionId id) {
        return jdbc.sql("SELECT messages, reported_at FROM connection_warnings WHERE connection_id = :c")
                .param("c", id.value()).query(ConnectionWarnings::map).optional().orElse(Reported.NONE);
    }

    public Map<UUID, Reported> forUser(UserId owner) {
        return jdbc.sql("""
                SELECT w.connection_id, w.messages, w.reported_at FROM connection_warnings w
                JOIN provider_connections c ON c.id = w.connection_id WHERE c.user_id = :u""")
                .param("u", owner.value())
                .query((rs, n) -> Map.entry(rs.getObject("connection_id", UUID.class), map(rs, n))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Reported map(ResultSet rs, int row) throws SQLException {
        Array messages = rs.getArray("messages");
        return new Reported(List.of((String[]) messages.getArray()), rs.getTimestamp("reported_at").toInstant());
    }
}
