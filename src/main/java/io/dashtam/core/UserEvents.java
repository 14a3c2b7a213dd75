package io.dashtam.core;

import java.util.Map;

/**
 * Publishes a live event to one user's event stream ({@code GET /api/v1/events}). Call it inside the
 * transaction that makes the change: the event exists if and only if the change commits. The payload is small,
 * JSON-serializable, and never holds a token or secret.
 */
public interface UserEvents {

    void publish(UserId user, String type, Map<String, ?> payload);
}
