package io.dashtam.core;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} for every module: how one replica tells the others that something changed.
 * A notification is a hint, never the data: subscribers keep their state in tables and re-read them in
 * {@link Listener#onCatchUp()}, which is called whenever notifications may have been missed (the listening
 * connection was (re)established, or in polling mode on every poll). That is what makes a lost notification
 * harmless and the polling fallback correct.
 */
public interface DatabaseNotifications {

    /** How notifications reach this instance. */
    enum Mode {
        /** A dedicated connection LISTENs; notifications arrive as they commit. */
        LISTEN,
        /** LISTEN is unavailable (e.g. PgBouncer in transaction mode): subscribers re-read on every poll. */
        POLL,
        /** Not connected yet or reconnecting; subscribers get a catch-up once connected. */
        CONNECTING
    }

    /** A subscriber of one channel. Called on the listener's thread: return quickly, never block on I/O. */
    interface Listener {

        void onNotification(String payload);

        /** Notifications may have been missed: re-read state from the table. */
        default void onCatchUp() {
        }
    }

    /** A subscription; closing it stops delivery to its listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Subscribes to {@code channel} (a lower-case SQL identifier). The listener gets {@link Listener#onCatchUp()}
     * once the channel is being listened to, so state changed before that is not missed.
     */
    Subscription subscribe(String channel, Listener listener);

    /**
     * Sends {@code payload} (at most 7,000 bytes; never a secret) on {@code channel} through the caller's
     * connection: inside a transaction it is delivered when, and only if, the transaction commits.
     */
    void publish(String channel, String payload);

    Mode mode();
}
