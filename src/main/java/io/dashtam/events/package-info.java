/**
 * Live events: each user's server-sent event stream ({@code GET /api/v1/events}), stored for replay with
 * {@code Last-Event-ID}, delivered across replicas through PostgreSQL LISTEN/NOTIFY. Other modules publish
 * through {@link io.dashtam.core.UserEvents}; provider token and connection changes arrive as audit events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "audit"})
package io.dashtam.events;
