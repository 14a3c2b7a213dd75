package io.dashtam.providers.authorization;

import io.dashtam.core.DatabaseOutages;
import io.dashtam.core.RequestOrigin;
import io.dashtam.providers.ConnectionDeadlineNear;
import io.dashtam.providers.connections.Connections;
import io.dashtam.providers.connections.ProvidersProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail before it is too late: {@code deadlineReminder} (24 h) before a connection's deadline its owner is
 * reminded, once per connection and deadline, whichever replica gets there first. Each reminder is claimed,
 * audited ({@code provider.connection.deadline_near}) and published as {@link ConnectionDeadlineNear} in one
 * transaction; the users module mails it after that commits, through the event publication registry, so the mail
 * is neither lost (an incomplete publication is resubmitted at start-up) nor sent for a claim that rolled back. A
 * connection authorized again meanwhile has a later deadline and is reminded of that one in its time.
 */
@Component
public class DeadlineReminders {

    private static final Logger log = LoggerFactory.getLogger(DeadlineReminders.class);
    public static final String ACTION = "provider.connection.deadline_near";

    private final Connections connections;
    private final Grants grants;
    private final ProvidersProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeadlineReminders(Connections connections, Grants grants, ProvidersProperties properties,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.connections = connections;
        this.grants = grants;
        this.properties = properties;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dashtam.providers.maintenance-interval:60s}", initialDelayString = "30s")
    void scheduled() {
        try {
            int sent = remindDue();
            if (sent > 0) {
                log.info("Reminded the owners of {} connection(s) of their deadline", sent);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutages.causedBy(e)) {
                log.warn("Deadline reminders failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Sends every reminder due now that this instance can claim; returns how many it sent. */
    public int remindDue() {
        int sent = 0;
        for (int i = 0; i < properties.refreshBatchSize(); i++) {
            Boolean reminded = tx.execute(status -> {
                Instant now = clock.instant();
                return connections.claimReminder(now, now.plus(properties.deadlineReminder())).map(c -> {
                    grants.audit(c, ACTION, "success", RequestOrigin.SYSTEM,
                            Map.of("deadline", c.deadline().toString()));
                    events.publishEvent(new ConnectionDeadlineNear(c.id(), c.userId(), c.providerKey(),
                            c.deadline()));
                    return true;
                }).orElse(false);
            });
            if (!Boolean.TRUE.equals(reminded)) {
                break;
            }
            sent++;
        }
        return sent;
    }
}
