package io.dashtam.testing;

import io.dashtam.DashtamApplication;
import io.dashtam.core.DatabaseNotifications;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second, complete Dashtam application in the test JVM: its own HTTPS port, beans, caches, LISTEN connection
 * and threads, on the same database as the shared test context. Everything in-memory is separate, as in a
 * second replica behind a load balancer. Close it at the end of the test class.
 */
public final class SecondApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    public SecondApplication() {
        this(new String[0]);
    }

    /** With extra {@code --name=value} settings, e.g. scheduling on for a worker replica. */
    public SecondApplication(String... settings) {
        this(new Class<?>[0], true, settings);
    }

    /**
     * With an extra configuration class (its {@code @Primary} beans replace the test ones, e.g. the listening
     * connection) and settings; returns once started, without waiting for LISTEN to work (it may be meant not to).
     */
    public static SecondApplication withConfiguration(Class<?> configuration, String... settings) {
        return new SecondApplication(new Class<?>[] {configuration}, false, settings);
    }

    private SecondApplication(Class<?>[] configurations, boolean awaitListening, String... settings) {
        // Exactly the shared context's profile: SPRING_PROFILES_ACTIVE=ci (the container stage) would otherwise be
        // added to it, and the ci profile keeps its own generated JWT key, so the second application refused the
        // first one's tokens there.
        var args = new java.util.ArrayList<>(java.util.List.of("--spring.profiles.active=test",
                "--server.port=0", "--management.server.port=0",
                "--dashtam.scheduling.enabled=false", "--spring.flyway.enabled=false",
                "--dashtam.users.rate-limits.login.per-ip=1000", "--dashtam.users.rate-limits.register.per-ip=1000",
                "--dashtam.users.admin-emails=admin@dashtam.test,root@dashtam.test",
                // the shared context already owns the fixed OAuth callback port
                "--dashtam.providers.callback-listener.enabled=false"));
        for (String setting : settings) { // a repeated argument would become a list: replace instead
            args.removeIf(a -> a.startsWith(setting.substring(0, setting.indexOf('=') + 1)));
            args.add(setting);
        }
        var sources = new java.util.ArrayList<Class<?>>(java.util.List.of(DashtamApplication.class,
                IntegrationTestConfiguration.class));
        sources.addAll(java.util.List.of(configurations));
        context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                // command-line arguments: they outrank the test JVM's system properties and profile files
                .run(args.toArray(String[]::new));
        if (awaitListening) {
            Notifications.awaitListening(bean(DatabaseNotifications.class));
        }
    }

    /** The management port (health details, Prometheus). */
    public TestClient management() {
        return new TestClient("https://localhost:" + context.getEnvironment().getProperty("local.management.port"),
                TestTls.instance().sslContext());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public TestClient api() {
        return new TestClient("https://localhost:" + port(), TestTls.instance().sslContext());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
