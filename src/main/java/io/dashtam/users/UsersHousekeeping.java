package io.dashtam.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drops state nobody can use any more: old rate windows, stale lockouts, ended sessions, expired tokens,
 * week-old mail, and invites that expired unused a month ago.
 */
@Component
class UsersHousekeeping {

    private final RateLimiter rateLimiter;
    private final Lockouts lockouts;
    private final Sessions sessions;
    private final OneTimeTokens tokens;
    private final Outbox outbox;
    private final Invites invites;
    private final Clock clock;

    UsersHousekeeping(RateLimiter rateLimiter, Lockouts lockouts, Sessions sessions, OneTimeTokens tokens,
            Outbox outbox, Invites invites, Clock clock) {
        this.invites = invites;
        this.outbox = outbox;
        this.rateLimiter = rateLimiter;
        this.lockouts = lockouts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Hourly; the day of slack keeps every window and lock that could still matter. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        rateLimiter.purge(dayAgo);
        lockouts.purge(dayAgo);
        sessions.purge(clock.instant().minus(Duration.ofDays(7)));
        tokens.purge(dayAgo);
        outbox.purge(clock.instant().minus(Duration.ofDays(7)));
        invites.purge(clock.instant().minus(Duration.ofDays(30)));
    }
}
