package io.dashtam.core;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishes a live event to one user's event stream ({@code GET /api/v1/events}). Call it inside the
 * transaction that makes the change: the event exists if and only if the change commits. The payload is small,
 * JSON-serializable, and never holds a token or secret.
 */
public interface UserEvents {

    void publish(UserId user, String type, Map<String, ?> payload);

    /**
     * The same for a transaction Spring does not manage (e.g. a portfolio batch on a connection of its own): the
     * event is stored through {@code transaction}. Run the returned action once that transaction has committed, so
     * the event is delivered at once (otherwise the next catch-up delivers it).
     */
    Runnable publish(JdbcClient transaction, UserId user, String type, Map<String, ?> payload);
}
