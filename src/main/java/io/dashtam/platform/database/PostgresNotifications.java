package io.dashtam.platform.database;

import io.dashtam.core.DatabaseNotifications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link DatabaseNotifications} on one dedicated connection and one thread. The thread LISTENs, hands each
 * notification to its channel's subscribers, and on every (re)connect tells all subscribers to catch up. In
 * {@code auto} mode a probe checks that a NOTIFY really comes back; where it does not (PgBouncer in transaction
 * mode) the instance polls instead: every subscriber catches up each poll interval. Real time (not the
 * injectable clock) paces the thread: it measures waiting, not business time.
 */
final class PostgresNotifications implements DatabaseNotifications, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String PROBE_CHANNEL = "dashtam_probe";
    private static final int MAX_PAYLOAD_BYTES = 7000;

    private record Subscriber(String channel, Listener listener) {
    }

    private final ListenerConnectionSource connections;
    private final JdbcClient jdbc;
    private final NotificationsProperties properties;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Queue<Subscriber> pending = new ConcurrentLinkedQueue<>();
    private final Counter received;
    private final Counter reconnects;
    private final Counter published;

    private volatile Mode mode = Mode.CONNECTING;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile Instant connectedAt;
    private volatile String lastError;

    PostgresNotifications(ListenerConnectionSource connections, JdbcClient jdbc, NotificationsProperties properties,
            MeterRegistry meters) {
        this.connections = connections;
        this.jdbc = jdbc;
        this.properties = properties;
        for (Mode m : Mode.values()) {
            Gauge.builder("dashtam.notifications.mode", this, n -> n.mode == m ? 1 : 0)
                    .description("How this instance receives database notifications (1 = current mode)")
                    .tag("mode", m.name().toLowerCase()).register(meters);
        }
        received = Counter.builder("dashtam.notifications.received").description("Notifications received")
                .register(meters);
        reconnects = Counter.builder("dashtam.notifications.reconnects")
                .description("Times the listening connection was re-established").register(meters);
        published = Counter.builder("dashtam.notifications.published").description("Notifications sent")
                .register(meters);
    }

    @Override
    public Subscription subscribe(String channel, Listener listener) {
        checkChannel(channel);
        Subscriber subscriber = new Subscriber(channel, listener);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        pending.add(subscriber);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
        return () -> {
            List<Subscriber> list = subscribers.get(channel);
            if (list != null) {
                list.remove(subscriber);
            }
            pending.remove(subscriber);
        };
    }

    @Override
    public void publish(String channel, String payload) {
        checkChannel(channel);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("notification payload too large for channel " + channel);
        }
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload)
                .query().singleRow();
        published.increment();
    }

    @Override
    public Mode mode() {
        return mode;
    }

    /** For health details: when the current listening connection was opened, and the last failure. */
    Map<String, Object> details() {
        var details = new java.util.LinkedHashMap<String, Object>();
        details.put("mode", mode.name().toLowerCase());
        details.put("configuredMode", properties.mode());
        details.put("channels", subscribers.keySet().stream().sorted().toList());
        if (connectedAt != null) {
            details.put("connectedAt", connectedAt.toString());
        }
        if (lastError != null) {
            details.put("lastError", lastError);
        }
        return details;
    }

    private static void checkChannel(String channel) {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("bad notification channel name");
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, "db-notifications");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        closeConnection();
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long delayMillis = 0;
        boolean polling = properties.mode().equals("poll");
        boolean first = true;
        while (running) {
            if (polling) {
                mode = Mode.POLL;
                pollForever();
                return;
            }
            try {
                connection = connections.open();
                connection.setAutoCommit(true);
                if (properties.mode().equals("auto") && !probe()) {
                    log.warn("LISTEN/NOTIFY does not deliver on this database connection (a pooler in transaction "
                            + "mode?); polling every {} instead", properties.pollInterval());
                    closeConnection();
                    polling = true;
                    continue;
                }
                listenLoop(first);
                first = false;
                delayMillis = 0;
            } catch (SQLException | RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (running) {
                    log.warn("database notification listener lost its connection ({}); reconnecting", lastError);
                }
            } finally {
                mode = Mode.CONNECTING;
                closeConnection();
            }
            if (!first) {
                reconnects.increment();
            }
            first = false;
            sleep(delayMillis);
            delayMillis = Math.min(Math.max(100, delayMillis * 2), properties.maxReconnectDelay().toMillis());
        }
    }

    /** LISTENs to every channel, then serves notifications until the connection fails or we stop. */
    private void listenLoop(boolean first) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        Set<String> listening = new HashSet<>();
        pending.clear();
        for (String channel : subscribers.keySet()) {
            listen(channel, listening);
        }
        mode = Mode.LISTEN;
        connectedAt = Instant.now();
        lastError = null;
        if (!first) {
            log.info("database notification listener reconnected; subscribers catch up");
        }
        // Everything subscribed so far catches up: notifications sent before LISTEN are gone.
        subscribers.values().forEach(list -> list.forEach(s -> catchUp(s.listener())));
        long keepAliveNanos = properties.keepAliveInterval().toNanos();
        long lastKeepAlive = System.nanoTime();
        while (running) {
            for (Subscriber s; (s = pending.poll()) != null; ) {
                listen(s.channel(), listening);
                catchUp(s.listener());
            }
            PGNotification[] notes = pg.getNotifications(250);
            if (notes != null) {
                for (PGNotification note : notes) {
                    dispatch(note.getName(), note.getParameter());
                }
            }
            if (System.nanoTime() - lastKeepAlive > keepAliveNanos) {
                // A query fails fast on a connection the server has dropped; waiting for notifications may not.
                try (Statement st = connection.createStatement()) {
                    st.execute("SELECT 1");
                }
                lastKeepAlive = System.nanoTime();
            }
        }
    }

    private void listen(String channel, Set<String> listening) throws SQLException {
        if (listening.add(channel)) {
            try (Statement st = connection.createStatement()) {
                st.execute("LISTEN " + channel); // the name is checked against CHANNEL: a plain identifier
            }
        }
    }

    /** Sends a NOTIFY to ourselves and waits for it: LISTEN behind a transaction-mode pooler never hears it. */
    private boolean probe() throws SQLException {
        String token = UUID.randomUUID().toString();
        try (Statement st = connection.createStatement()) {
            st.execute("LISTEN " + PROBE_CHANNEL);
            st.execute("SELECT pg_notify('" + PROBE_CHANNEL + "', '" + token + "')");
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + properties.probeTimeout().toNanos();
        boolean heard = false;
        while (!heard && System.nanoTime() < deadline && running) {
            PGNotification[] notes = pg.getNotifications(100);
            if (notes != null) {
                for (PGNotification note : notes) {
                    heard |= PROBE_CHANNEL.equals(note.getName()) && token.equals(note.getParameter());
                }
            }
        }
        try (Statement st = connection.createStatement()) {
            st.execute("UNLISTEN " + PROBE_CHANNEL);
        }
        return heard;
    }

    private void pollForever() {
        long interval = properties.pollInterval().toNanos();
        while (running) {
            pending.clear();
            subscribers.values().forEach(list -> list.forEach(s -> catchUp(s.listener())));
            LockSupport.parkNanos(interval);
        }
    }

    private void dispatch(String channel, String payload) {
        received.increment();
        for (Subscriber s : subscribers.getOrDefault(channel, List.of())) {
            try {
                s.listener().onNotification(payload);
            } catch (RuntimeException e) {
                log.warn("notification subscriber of {} failed", channel, e);
            }
        }
    }

    private static void catchUp(Listener listener) {
        try {
            listener.onCatchUp();
        } catch (RuntimeException e) {
            log.warn("notification subscriber failed to catch up", e);
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being thrown away
            }
        }
    }

    private void sleep(long millis) {
        if (millis > 0 && running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }
}
