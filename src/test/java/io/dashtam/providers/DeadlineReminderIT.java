package io.dashtam.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dashtam.core.UserId;
import io.dashtam.providers.authorization.DeadlineReminders;
import io.dashtam.providers.connections.Connection;
import io.dashtam.providers.connections.Connections;
import io.dashtam.testing.IntegrationTest;
import io.dashtam.testing.Replica;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reminder 24 h before a connection's deadline: mailed once through the outbox when the clock reaches it, not
 * for a connection authorized again before, and once only with two application instances racing for it.
 */
class DeadlineReminderIT extends IntegrationTest {

    @RegisterExtension
    static final Replica b = new Replica();

    @Autowired
    DeadlineReminders reminders;
    @Autowired
    Connections connections;
    @Autowired
    SeededConnections seeds;

    @BeforeEach
    void resetClock() {
        clock.reset();
    }

    /** An active Schwab connection authorized now, whose grant ends in 7 days. */
    private Connection seed(UserId owner) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as stored: the mail quotes the stored one
        return seeds.active(owner, "schwab", now);
    }

    private List<String> reminderMails(Caller user) {
        return jdbc.sql("""
                SELECT subject || ' ' || body FROM outbox WHERE recipient = :r AND body LIKE '%in less than a day%'
                ORDER BY created_at""")
                .param("r", user.email()).query(String.class).list();
    }

    private int audited(ConnectionId id) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE subject = :s AND action = :a")
                .param("s", "connection:" + id).param("a", DeadlineReminders.ACTION).query(Integer.class).single();
    }

    @Test
    void theOwnerIsRemindedOnceADayBeforeTheDeadline() {
        var user = newUser();
        Connection c = seed(UserId.of(user.userId()));

        clock.advance(Duration.ofDays(6).minusMinutes(1));
        reminders.remindDue();
        assertThat(reminderMails(user)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        assertThat(reminders.remindDue()).isGreaterThanOrEqualTo(1);
        var mails = reminderMails(user);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains("schwab", c.deadline().toString()).doesNotContain("Bearer");

        // Further passes, later the same day, send nothing more for this deadline.
        reminders.remindDue();
        clock.advance(Duration.ofHours(12));
        reminders.remindDue();
        assertThat(reminderMails(user)).hasSize(1);
        assertThat(audited(c.id())).isEqualTo(1);

        // Past the deadline there is no reminder, only the expiry (its own mail).
        clock.advance(Duration.ofHours(13));
        reminders.remindDue();
        assertThat(reminderMails(user)).hasSize(1);
    }

    @Test
    void aConnectionAuthorizedAgainBeforeIsNotRemindedOfItsOldDeadline() {
        var user = newUser();
        Connection c = seed(UserId.of(user.userId()));

        clock.advance(Duration.ofDays(5));
        Instant renewed = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Connection again = connections.lock(c.id()).orElseThrow().activated(renewed, renewed.plus(Duration.ofDays(7)));
        connections.update(again);

        clock.advance(Duration.ofDays(1).plusHours(1)); // the old deadline is 23 h away
        reminders.remindDue();
        assertThat(reminderMails(user)).isEmpty();

        // The new deadline gets its own reminder in its time.
        clock.advance(Duration.ofDays(5));
        reminders.remindDue();
        var mails = reminderMails(user);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0)).contains(again.deadline().toString());
    }

    @Test
    void twoInstancesRacingSendEachReminderExactlyOnce() throws Exception {
        var user = newUser();
        List<Connection> seeded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seeded.add(seed(UserId.of(user.userId())));
        }
        clock.advance(Duration.ofDays(6).plusMinutes(1));

        DeadlineReminders other = b.bean(DeadlineReminders.class);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> passes = new ArrayList<>();
        for (DeadlineReminders instance : List.of(reminders, other)) {
            passes.add(instances.submit(() -> {
                start.await();
                return instance.remindDue();
            }));
        }
        start.countDown();
        int sent = 0;
        for (Future<Integer> pass : passes) {
            sent += pass.get();
        }
        instances.shutdown();

        assertThat(sent).isGreaterThanOrEqualTo(12);
        assertThat(reminderMails(user)).hasSize(12);
        seeded.forEach(c -> assertThat(audited(c.id())).as(c.id().toString()).isEqualTo(1));
        // A second pass on each instance finds nothing left.
        assertThat(reminders.remindDue() + other.remindDue()).isZero();
        assertThat(reminderMails(user)).hasSize(12);
    }
}
