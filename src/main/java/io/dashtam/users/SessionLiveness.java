package io.dashtam.users;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.UserId;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The session revocation contract, shared by every module that authenticates a caller: a revoked session
 * (logout, sign out everywhere, password change or reset, account disabled) is refused at once on the instance
 * that revoked it and within a second on every other replica. Revocations are announced on
 * {@value #CHANNEL} (payload {@code s:<session id>} or {@code u:<user id>}), in the revoking transaction, so
 * they are heard exactly when they commit. Subscribers (open event streams, caches) act on them.
 *
 * <p>It also keeps a cache of live sessions so a request need not ask the database each time. The cache is
 * trusted only while notifications are being LISTENed to (or, when polling, is emptied on every poll), is
 * emptied whenever the listener reconnects, and an entry is never stored if an invalidation raced with the read.
 */
@Component
class SessionLiveness implements DatabaseNotifications.Listener {

    static final String CHANNEL = io.dashtam.core.Channels.SESSION_REVOKED;
    private static final int MAX_ENTRIES = 50_000;

    /** What the database said about a session when it was last read. */
    record Live(UserId user, Instant expiresAt) {
    }

    private final DatabaseNotifications notifications;
    private final Map<UUID, Live> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    SessionLiveness(DatabaseNotifications notifications) {
        this.notifications = notifications;
    }

    @PostConstruct
    void subscribe() {
        notifications.subscribe(CHANNEL, this);
    }

    /** The cached state of a live session, if it may be trusted now. */
    Optional<Live> cached(UUID session, UserId user, Instant now) {
        if (!trusted()) {
            return Optional.empty();
        }
        Live live = cache.get(session);
        return live != null && live.user().equals(user) && live.expiresAt().isAfter(now) ? Optional.of(live)
                : Optional.empty();
    }

    /** Read before asking the database; pass to {@link #remember} so a racing revocation wins. */
    long generation() {
        return generation.get();
    }

    void remember(UUID session, Live live, long readAtGeneration) {
        if (!trusted()) {
            return;
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(session, live);
        if (generation.get() != readAtGeneration) {
            cache.remove(session); // an invalidation arrived while we read: the row may already be stale
        }
    }

    /** Called by the revoking code in its transaction: forgets locally now and after commit, tells the others. */
    void revoked(UUID session) {
        announce("s:" + session);
    }

    void revokedAll(UserId user) {
        announce("u:" + user.value());
    }

    private void announce(String payload) {
        onNotification(payload);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    onNotification(payload);
                }
            });
        }
        notifications.publish(CHANNEL, payload);
    }

    @Override
    public void onNotification(String payload) {
        generation.incrementAndGet();
        if (payload.startsWith("s:")) {
            cache.remove(UUID.fromString(payload.substring(2)));
        } else if (payload.startsWith("u:")) {
            UserId user = new UserId(UUID.fromString(payload.substring(2)));
            cache.values().removeIf(live -> live.user().equals(user));
        } else {
            cache.clear();
        }
    }

    @Override
    public void onCatchUp() {
        generation.incrementAndGet();
        cache.clear();
    }

    private boolean trusted() {
        return notifications.mode() != DatabaseNotifications.Mode.CONNECTING;
    }
}
