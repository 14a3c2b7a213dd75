package io.dashtam.events;

import io.dashtam.core.DatabaseNotifications;
import io.dashtam.core.RateLimitedException;
import io.dashtam.core.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This instance's open streams. A notification on {@value EventStore#CHANNEL} wakes the named users' streams,
 * which read what is new from the table; a revocation notification re-checks the named sessions and ends the
 * streams of those no longer live; a catch-up (listener reconnected, or every poll) numbers stray events and
 * does both for every stream. The map holds connections, not state that decides anything: a stream on any
 * replica sees the same events.
 */
@Component
class EventStreams implements org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    static final String REVOCATIONS = io.dashtam.core.Channels.SESSION_REVOKED;
    private static final int BATCH = 200;
    /** The reconnection delay a stream ended at shutdown asks its client for (SSE {@code retry}). */
    static final long RECONNECT_MILLIS = 1000;

    private final EventStore store;
    private final StreamLeases leases;
    private final DatabaseNotifications notifications;
    private final EventsProperties properties;
    private final Clock clock;
    private final Map<UserId, Set<EventStream>> streams = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(4, daemon("event-streams"));
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("event-ticks"));
    private final Counter delivered;

    EventStreams(EventStore store, StreamLeases leases, DatabaseNotifications notifications,
            EventsProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.leases = leases;
        this.notifications = notifications;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("dashtam.events.streams", this, s -> s.streams.values().stream().mapToInt(Set::size).sum())
                .description("Open event streams on this instance").register(meters);
        delivered = Counter.builder("dashtam.events.delivered").description("Events sent to streams")
                .register(meters);
    }

    @PostConstruct
    void subscribe() {
        notifications.subscribe(EventStore.CHANNEL, new DatabaseNotifications.Listener() {
            @Override
            public void onNotification(String payload) {
                if (payload.equals("*")) {
                    all().forEach(EventStreams.this::wake);
                    return;
                }
                for (String user : payload.split(",")) {
                    streams.getOrDefault(new UserId(UUID.fromString(user)), Set.of()).forEach(EventStreams.this::wake);
                }
            }

            @Override
            public void onCatchUp() {
                workers.execute(() -> {
                    store.sequence();
                    all().forEach(EventStreams.this::wake);
                });
            }
        });
        notifications.subscribe(REVOCATIONS, new DatabaseNotifications.Listener() {
            @Override
            public void onNotification(String payload) {
                UUID id = UUID.fromString(payload.substring(2));
                recheck(payload.startsWith("s:") ? s -> s.session.equals(id) : s -> s.user.value().equals(id));
            }

            @Override
            public void onCatchUp() {
                recheck(s -> true);
            }
        });
        long beat = properties.heartbeat().toMillis();
        ticker.scheduleWithFixedDelay(this::tick, beat, beat, TimeUnit.MILLISECONDS);
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Before the web server drains (a higher phase stops first): an open stream would hold the drain until its
     * timeout, so each ends now telling its client to reconnect shortly, to another replica behind the balancer.
     */
    @Override
    public void stop() {
        running = false;
        all().forEach(s -> s.end("server.stopping", "reconnect", RECONNECT_MILLIS));
    }

    @PreDestroy
    void close() {
        all().forEach(s -> s.end(null, null));
        ticker.shutdownNow();
        workers.shutdownNow();
        try {
            leases.releaseAll();
        } catch (RuntimeException e) {
            log.debug("stream leases not released at shutdown; they lapse: {}", e.toString());
        }
    }

    /**
     * Registers a stream, or refuses it (429 with Retry-After) when its user holds the maximum open streams on all
     * replicas together: the newest stream is the one refused, so no open tab loses its stream to another.
     */
    void open(EventStream stream) {
        if (!leases.acquire(stream.lease, stream.user)) {
            throw new RateLimitedException(properties.heartbeat().toSeconds());
        }
        streams.computeIfAbsent(stream.user, u -> ConcurrentHashMap.newKeySet()).add(stream);
        Runnable gone = () -> remove(stream);
        stream.emitter.onCompletion(gone);
        stream.emitter.onTimeout(gone);
        stream.emitter.onError(e -> gone.run());
        long untilExpiry = stream.expiresAt.toEpochMilli() - clock.millis();
        ticker.schedule(() -> expireIfDue(stream), Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
        wake(stream);
    }

    /** Sends everything after the stream's cursor and ends it, without registering it. */
    void replay(EventStream stream) {
        try {
            List<EventStore.StoredEvent> batch;
            do {
                batch = store.after(stream.user, stream.cursor(), BATCH);
                for (EventStore.StoredEvent event : batch) {
                    stream.send(event);
                    delivered.increment();
                }
            } while (batch.size() == BATCH);
            stream.end(null, null);
        } catch (IOException | IllegalStateException e) {
            stream.markEnded();
        }
    }

    /**
     * Heartbeat comments, the end of streams whose credential's time ran out (by the injected clock), and the
     * renewal of the open streams' leases.
     */
    void tick() {
        try {
            leases.renew(all().stream().map(s -> s.lease).toList());
        } catch (RuntimeException e) {
            log.warn("event stream leases not renewed (they lapse if this persists): {}", e.toString());
        }
        for (EventStream s : all()) {
            if (!expireIfDue(s)) {
                try {
                    s.emitter.send(SseEmitter.event().comment(""));
                } catch (IOException | IllegalStateException e) {
                    remove(s);
                }
            }
        }
    }

    private boolean expireIfDue(EventStream s) {
        if (!clock.instant().isBefore(s.expiresAt)) {
            s.end("stream.expired", "the stream's time is up; reconnect (with a fresh access token) and Last-Event-ID");
            remove(s);
            return true;
        }
        return false;
    }

    private void recheck(Predicate<EventStream> which) {
        List<EventStream> affected = all().stream().filter(which).toList();
        if (affected.isEmpty()) {
            return;
        }
        workers.execute(() -> {
            for (EventStream s : affected) {
                try {
                    if (!s.credential.live()) {
                        s.end("session.revoked", "the session was signed out");
                        remove(s);
                    }
                } catch (RuntimeException e) {
                    log.warn("could not re-check an event stream's session: {}", e.toString());
                }
            }
        });
    }

    void wake(EventStream stream) {
        if (stream.wakeups.getAndIncrement() == 0) {
            workers.execute(() -> drain(stream));
        }
    }

    private void drain(EventStream stream) {
        try {
            while (!stream.ended()) {
                int seen = stream.wakeups.get();
                List<EventStore.StoredEvent> batch;
                do {
                    batch = store.after(stream.user, stream.cursor(), BATCH);
                    for (EventStore.StoredEvent event : batch) {
                        stream.send(event);
                        delivered.increment();
                    }
                } while (batch.size() == BATCH);
                if (stream.wakeups.compareAndSet(seen, 0)) {
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            stream.markEnded();
            remove(stream);
        } catch (RuntimeException e) {
            log.warn("event stream read failed; retried on the next notification: {}", e.toString());
            stream.wakeups.set(0);
        }
    }

    private void remove(EventStream stream) {
        stream.markEnded();
        Set<EventStream> mine = streams.get(stream.user);
        if (mine != null && mine.remove(stream)) {
            try {
                leases.release(stream.lease);
            } catch (RuntimeException e) {
                log.debug("an ended stream's lease was not released; it lapses: {}", e.toString());
            }
        }
    }

    private List<EventStream> all() {
        return streams.values().stream().flatMap(Set::stream).toList();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
