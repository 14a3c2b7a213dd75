package io.dashtam.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Live events ({@code dashtam.events}): how long and how many events per user are kept for replay, the
 * heartbeat, and how many streams one user may hold open across all replicas (one more is refused with 429).
 * {@code streamLease}: how long a stream's slot outlives its last heartbeat, i.e. how soon the slots of a replica
 * that died are free again; longer than the heartbeat, which renews it.
 * A web app's stream (cookie session) ends after {@code sessionStreamLifetime}, like a bearer stream when its
 * access token expires, and the browser reconnects with {@code Last-Event-ID}: so its cookie is checked afresh.
 */
@ConfigurationProperties("dashtam.events")
record EventsProperties(Duration retentionAge, int retentionCount,
        Duration heartbeat, int maxStreamsPerUser,
        Duration progressInterval, Duration sessionStreamLifetime,
        Duration streamLease) {

    EventsProperties {
        if (retentionCount < 1 || maxStreamsPerUser < 1) {
            throw new IllegalArgumentException("dashtam.events: retention-count and max-streams-per-user must be >= 1");
        }
        if (streamLease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("dashtam.events: stream-lease must be at least twice the heartbeat");
        }
    }
}
