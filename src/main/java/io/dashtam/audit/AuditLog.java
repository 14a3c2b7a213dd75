package io.dashtam.audit;

import java.time.Clock;
import java.util.List;
import io.dashtam.core.UserId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows: a sink, never a bus (no module reacts to an audit row; they listen to each other's module
 * events). The table refuses UPDATE, DELETE and TRUNCATE itself (triggers), and has no foreign keys, so deleting
 * a user's data never fails because of its history.
 */
@Component
public class AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Joins the caller's transaction when there is one, so a rolled-back change leaves no audit row claiming it. */
    public void record(AuditEvent event) {
        jdbc.sql("""
                INSERT INTO audit_log (occurred_at, user_id, action, outcome, subject, ip, user_agent, details)
                VALUES (:at, :user, :action, :outcome, :subject, :ip, :ua, CAST(:details AS jsonb))""")
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("user", event.userId() == null ? null : event.userId().value())
                .param("action", event.action())
                .param("outcome", event.outcome())
                .param("subject", event.subject())
                .param("ip", event.origin().ip())
                .param("ua", event.origin().userAgent())
                .param("details", JSON.writeValueAsString(event.details()))
                .update();
    }

    /** A user's own history, newest first. */
    public List<AuditEntry> forUser(UserId user, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, action, outcome, subject, ip, user_agent FROM audit_log
                WHERE user_id = :user ORDER BY id DESC LIMIT :limit""")
                .param("user", user.value()).param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("action"), rs.getString("outcome"), rs.getString("subject"), rs.getString("ip"),
                        rs.getString("user_agent")))
                .list();
    }

    public record AuditEntry(long id, java.time.Instant occurredAt, String action, String outcome, String subject,
            String ip, String userAgent) {
    }
}
