package io.dashtam.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outgoing mail. Every message is written to the {@code outbox} table in the caller's transaction, so a message
 * exists exactly when the change that caused it committed. With no mail server configured the table is the
 * mailbox: the log says a message is waiting and how to read it, but never prints the body, which carries a token.
 * With {@code spring.mail.host} set, {@link OutboxDelivery} sends it over SMTP.
 */
@Component
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    private final boolean smtp;

    Outbox(JdbcClient jdbc, Clock clock, @Value("${spring.mail.host:}") String smtpHost) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.smtp = !smtpHost.isBlank();
    }

    UUID enqueue(String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox (id, recipient, subject, body, created_at)
                VALUES (:id, :recipient, :subject, :body, :now)""")
                .param("id", id).param("recipient", recipient).param("subject", subject).param("body", body)
                .param("now", Timestamp.from(clock.instant())).update();
        if (smtp) {
            log.info("Mail '{}' to {} queued for SMTP delivery (outbox id {})", subject, masked(recipient), id);
        } else {
            log.info("Mail '{}' to {} is in the outbox (id {}); no SMTP server is configured, read it with: "
                    + "SELECT body FROM outbox WHERE id = '{}'", subject, masked(recipient), id, id);
        }
        return id;
    }

    /** Old messages go: their tokens expired long ago (the longest lives 24 h). */
    int purge(java.time.Instant before) {
        return jdbc.sql("DELETE FROM outbox WHERE created_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    /** {@code j***@example.org}: enough to tell messages apart in a log, not a list of addresses. */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
