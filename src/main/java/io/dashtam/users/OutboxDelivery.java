package io.dashtam.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox over SMTP when a mail server is configured ({@code spring.mail.host}, e.g. env
 * {@code SPRING_MAIL_HOST}); otherwise this bean does not exist and the outbox table is the mailbox. Safe with
 * several instances: each batch is claimed with {@code FOR UPDATE SKIP LOCKED}. Failures back off exponentially;
 * a delivered message's body is erased so no live token stays in the database.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
class OutboxDelivery {

    static final int MAX_ATTEMPTS = 8;
    /** How long a claimed message is left to the replica sending it before another may try. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final Clock clock;
    private final String from;

    OutboxDelivery(JdbcClient jdbc, JavaMailSender mail, Clock clock, UsersProperties properties) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.clock = clock;
        this.from = properties.mail().from();
    }

    private record Pending(UUID id, String recipient, String subject, String body, int attempts, Instant createdAt) {
        @Override
        public String toString() {
            return "Pending[" + id + "]";
        }
    }

    @Scheduled(fixedDelayString = "${dashtam.users.mail.poll-interval:PT15S}")
    void poll() {
        try {
            while (deliverBatch(20) == 20) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            // A claimed message whose outcome could not be written is tried again once its claim lapses. No stack
            // trace per poll during a database outage.
            log.warn("Outbox delivery failed: {}", io.dashtam.core.DatabaseOutages.causedBy(e)
                    ? "database unavailable (" + io.dashtam.core.DatabaseOutages.describe(e) + ")"
                    : e.getClass().getSimpleName());
        }
    }

    /**
     * Sends up to {@code size} due messages; returns how many it tried. They are claimed in one statement (their
     * next attempt moved a lease ahead, SKIP LOCKED), so no transaction, lock or connection is held while the mail
     * server is talked to, and another replica skips them meanwhile; one that dies mid-batch leaves its claims to
     * be tried again once the lease lapses.
     */
    int deliverBatch(int size) {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                UPDATE outbox o SET next_attempt_at = :lease
                FROM (SELECT id FROM outbox
                      WHERE sent_at IS NULL AND attempts < :max AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                      ORDER BY created_at LIMIT :size FOR UPDATE SKIP LOCKED) due
                WHERE o.id = due.id
                RETURNING o.id, o.recipient, o.subject, o.body, o.attempts, o.created_at""")
                .param("max", MAX_ATTEMPTS).param("now", Timestamp.from(now)).param("size", size)
                .param("lease", Timestamp.from(now.plus(CLAIM)))
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("recipient"),
                        rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        due.stream().sorted(java.util.Comparator.comparing(Pending::createdAt)).forEach(m -> deliver(m, now));
        return due.size();
    }

    private void deliver(Pending message, Instant now) {
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(from);
        mailMessage.setTo(message.recipient());
        mailMessage.setSubject(message.subject());
        mailMessage.setText(message.body());
        try {
            mail.send(mailMessage);
            jdbc.sql("UPDATE outbox SET sent_at = :now, attempts = attempts + 1, body = '', last_error = NULL "
                    + "WHERE id = :id").param("now", Timestamp.from(now)).param("id", message.id()).update();
        } catch (MailException e) {
            // The exception text may quote the server; only its type is kept.
            Duration backoff = Duration.ofMinutes(1L << Math.min(message.attempts(), 10));
            jdbc.sql("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error "
                    + "WHERE id = :id").param("next", Timestamp.from(now.plus(backoff)))
                    .param("error", e.getClass().getSimpleName()).param("id", message.id()).update();
            log.warn("Mail {} not delivered (attempt {}): {}", message.id(), message.attempts() + 1,
                    e.getClass().getSimpleName());
        }
    }
}
