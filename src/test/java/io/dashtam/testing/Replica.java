package io.dashtam.testing;

import io.dashtam.core.DatabaseNotifications;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link SecondApplication} for one integration test class, registered as
 * {@code @RegisterExtension static final Replica b = new Replica(settings...)}: started before the class's tests
 * (after the class's database is switched in, so on that database) and closed after them.
 */
public final class Replica implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<SecondApplication> starter;
    private SecondApplication application;

    /** With extra {@code --name=value} settings, e.g. scheduling on for a worker replica. */
    public Replica(String... settings) {
        this(() -> new SecondApplication(settings));
    }

    private Replica(Supplier<SecondApplication> starter) {
        this.starter = starter;
    }

    /** See {@link SecondApplication#withConfiguration}: started without waiting for LISTEN to work. */
    public static Replica withConfiguration(Class<?> configuration, String... settings) {
        return new Replica(() -> SecondApplication.withConfiguration(configuration, settings));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        application = starter.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (application != null) {
            application.close();
            application = null;
        }
    }

    private SecondApplication started() {
        if (application == null) {
            throw new IllegalStateException("the replica runs only while its test class does");
        }
        return application;
    }

    public int port() {
        return started().port();
    }

    public TestClient api() {
        return started().api();
    }

    /** The management port (health details, Prometheus). */
    public TestClient management() {
        return started().management();
    }

    public <T> T bean(Class<T> type) {
        return started().bean(type);
    }

    /** Waits until this replica's LISTEN connection hears notifications (e.g. again, after it was cut). */
    public void awaitListening() {
        Notifications.awaitListening(bean(DatabaseNotifications.class));
    }
}
