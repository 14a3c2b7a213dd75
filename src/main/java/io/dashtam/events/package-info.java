/**
 * Live events: each user's server-sent event stream ({@code GET /api/v1/events}), stored for replay with
 * {@code Last-Event-ID}, delivered across replicas through PostgreSQL LISTEN/NOTIFY. Fed by one listener
 * ({@code UserEventFeed}) from the other modules' events; the sync engine still stores its run events through
 * {@link io.dashtam.core.UserEvents} (its batches commit on connections of their own).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "providers", "imports",
    "portfolio"})
package io.dashtam.events;
