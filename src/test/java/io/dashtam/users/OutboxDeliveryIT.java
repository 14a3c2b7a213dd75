package io.dashtam.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * SMTP delivery of the outbox against a fake SMTP server. The suite's context has no mail server configured (the
 * default), so the delivery is built here around the app's own database, clock and settings.
 */
class OutboxDeliveryIT extends UsersIntegrationTest {

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    UsersProperties properties;

    private FakeSmtpServer smtp;
    private OutboxDelivery delivery;

    @BeforeEach
    void smtp() throws Exception {
        smtp = new FakeSmtpServer();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.port());
        delivery = new OutboxDelivery(jdbc, sender, clock, properties);
        delivery.deliverBatch(100); // whatever earlier tests left queued
        smtp.received().clear();
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
    }

    @Test
    void queuedMailIsSentOnceAndItsBodyErased() {
        var user = newUser();
        String token = verificationToken(user.email());
        assertThat(delivery.deliverBatch(20)).isEqualTo(1);
        assertThat(smtp.received()).hasSize(1);
        var mail = smtp.received().get(0);
        assertThat(mail.to()).containsExactly("<" + user.email() + ">");
        assertThat(mail.data()).contains("Subject: Verify your email for Dashtam").contains(token);
        assertThat(jdbc.sql("SELECT body FROM outbox WHERE recipient = :r").param("r", user.email())
                .query(String.class).single()).isEmpty();
        assertThat(delivery.deliverBatch(20)).as("sent once").isZero();
    }

    @Test
    void refusedMailIsRetriedWithBackoff() {
        smtp.rejectRecipients(true);
        var user = newUser();
        assertThat(delivery.deliverBatch(20)).isEqualTo(1);
        assertThat(smtp.received()).isEmpty();
        assertThat(jdbc.sql("SELECT attempts FROM outbox WHERE recipient = :r").param("r", user.email())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(delivery.deliverBatch(20)).as("backing off").isZero();

        smtp.rejectRecipients(false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(delivery.deliverBatch(20)).isEqualTo(1);
        assertThat(smtp.received()).hasSize(1);
        assertThat(jdbc.sql("SELECT sent_at IS NOT NULL FROM outbox WHERE recipient = :r").param("r", user.email())
                .query(Boolean.class).single()).isTrue();
    }
}
