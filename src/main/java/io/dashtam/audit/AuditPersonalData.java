package io.dashtam.audit;

import io.dashtam.core.PersonalData;
import io.dashtam.core.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** The audit entries about a user: exported (audit.json), and anonymised when the account is deleted. */
@Component
@Order(900)
class AuditPersonalData implements PersonalData {

    private static final int PAGE = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Entry(long id, java.time.Instant occurredAt, String action, String outcome, String subject,
                         String ip, String userAgent, String details) {
    }

    @Override
    public void export(UserId user, Archive archive) throws IOException {
        try (OutputStream out = archive.file("audit.json");
             JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            long after = 0;
            List<Entry> page;
            do {
                page = jdbc.sql("""
                        SELECT id, occurred_at, action, outcome, subject, ip, user_agent, details::text AS details
                        FROM audit_log WHERE user_id = :user AND id > :after ORDER BY id LIMIT :limit""")
                        .param("user", user.value()).param("after", after).param("limit", PAGE)
                        .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                                rs.getString("action"), rs.getString("outcome"), rs.getString("subject"),
                                rs.getString("ip"), rs.getString("user_agent"), rs.getString("details")))
                        .list();
                for (Entry e : page) {
                    json.writeStartObject();
                    json.writeStringProperty("occurredAt", e.occurredAt().toString());
                    json.writeStringProperty("action", e.action());
                    json.writeStringProperty("outcome", e.outcome());
                    json.writeStringProperty("subject", e.subject());
                    json.writeStringProperty("ip", e.ip());
                    json.writeStringProperty("userAgent", e.userAgent());
                    json.writeName("details");
                    json.writeTree(JSON.readTree(e.details()));
                    json.writeEndObject();
                    after = e.id();
                }
            } while (page.size() == PAGE);
            json.writeEndArray();
        }
    }

    /** Who, about whom, from where and the details go; what happened and when stay (V130's trigger allows that). */
    @Override
    public void erase(UserId user) {
        jdbc.sql("""
                UPDATE audit_log SET user_id = NULL, subject = NULL, ip = '', user_agent = '', details = '{}'::jsonb
                WHERE user_id = :user""").param("user", user.value()).update();
        jdbc.sql("UPDATE audit_log SET subject = NULL, details = '{}'::jsonb WHERE subject = :subject")
                .param("subject", "user:" + user.value()).update();
    }
}
