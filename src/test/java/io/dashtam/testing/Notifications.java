package io.dashtam.testing;

import io.dashtam.core.DatabaseNotifications;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Waiting for database notifications in tests, on signals rather than sleeps. */
public final class Notifications {

    private Notifications() {
    }

    /**
     * Returns once {@code notifications} hears a NOTIFY sent now on the current test database: its listener has
     * (re)connected after the test class switched databases.
     */
    public static void awaitListening(DatabaseNotifications notifications) {
        String channel = "test_probe_" + UUID.randomUUID().toString().replace("-", "");
        String token = UUID.randomUUID().toString();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        CompletableFuture<Void> heard = new CompletableFuture<>();
        try (var subscription = notifications.subscribe(channel, new DatabaseNotifications.Listener() {
            @Override
            public void onNotification(String payload) {
                if (payload.equals(token)) {
                    heard.complete(null);
                }
            }

            @Override
            public void onCatchUp() {
                listening.complete(null);
            }
        })) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            await(listening, deadline);
            // A catch-up may come from a connection to the previous database, just before it was dropped: send
            // again until one is heard.
            while (!heard.isDone()) {
                notifications.publish(channel, token);
                try {
                    heard.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("database notifications never arrived");
                    }
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** A future completed by the first notification on {@code channel} that matches. */
    public static CompletableFuture<String> next(DatabaseNotifications notifications, String channel,
            Predicate<String> matching) {
        CompletableFuture<String> result = new CompletableFuture<>();
        var subscription = notifications.subscribe(channel, payload -> {
            if (matching.test(payload)) {
                result.complete(payload);
            }
        });
        result.whenComplete((p, e) -> subscription.close());
        return result;
    }

    private static void await(CompletableFuture<Void> future, long deadlineNanos) {
        try {
            future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            throw new AssertionError("database notifications never started listening", e);
        }
    }
}
