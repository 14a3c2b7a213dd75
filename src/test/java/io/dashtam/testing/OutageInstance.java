package io.dashtam.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.dashtam.DashtamApplication;
import io.dashtam.platform.database.DatabaseUrl;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Dashtam application context of its own (not the suite's shared one), on a database of its own that it reaches
 * only through a {@link CuttableProxy}, with the app's real connection-pool settings: the database can be taken
 * away under the running application and given back. The test reads and writes the database directly.
 */
public final class OutageInstance implements AutoCloseable {

    public final CuttableProxy proxy;
    public final ConfigurableApplicationContext context;
    /** Straight to the database, never through the proxy. */
    public final JdbcClient direct;
    private final HikariDataSource directPool;
    private final DatabaseUrl database;

    private OutageInstance(CuttableProxy proxy, ConfigurableApplicationContext context, DatabaseUrl database,
            HikariDataSource directPool) {
        this.proxy = proxy;
        this.context = context;
        this.database = database;
        this.directPool = directPool;
        this.direct = JdbcClient.create(directPool);
    }

    public static OutageInstance start(String... extraArguments) {
        TestEnvironment.home(); // test certificate, state directory, fake provider URLs
        TestDatabases databases = TestDatabases.instance();
        DatabaseUrl database = databases.newDatabase();
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        CuttableProxy proxy = new CuttableProxy(target.getHost(), target.getPort());
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath();
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=0",
                "--management.server.port=0", "--spring.datasource.url=" + proxied,
                "--spring.datasource.username=" + database.username(), "--spring.flyway.enabled=false",
                "--dashtam.scheduling.enabled=false", "--dashtam.providers.callback-listener.enabled=false",
                "--dashtam.users.rate-limits.login.per-ip=1000", "--dashtam.users.rate-limits.register.per-ip=1000",
                "--spring.datasource.hikari.pool-name=outage-" + UUID.randomUUID().toString().substring(0, 8)));
        if (database.password() != null) {
            args.add("--spring.datasource.password=" + database.password());
        }
        args.addAll(List.of(extraArguments));
        SpringApplication app = new SpringApplication(DashtamApplication.class, TestClock.class);
        // The suite's own test configuration (its switching DataSource) must stay out of this context.
        app.addInitializers(context -> ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerSingleton("outageTestExcludes", new TestConfigurationExclude()));
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        return new OutageInstance(proxy, context, database, databases.pool(database, 2));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port", "0"));
    }

    public TestClient api() {
        return new TestClient("https://localhost:" + port(), TestTls.instance().sslContext());
    }

    public TestClient management() {
        return new TestClient("https://localhost:" + managementPort(), TestTls.instance().sslContext());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Environment environment() {
        return context.getEnvironment();
    }

    /** Registers and logs in a user; returns a client sending its access token, and its id. */
    public Map.Entry<String, TestClient> newUser() {
        String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        var registered = api().post("/api/v1/users", Map.of("email", email, "password", IntegrationTest.PASSWORD,
                "name", "Outage Test"));
        var login = api().post("/api/v1/sessions", Map.of("email", email, "password", IntegrationTest.PASSWORD));
        if (registered.status() != 202 || login.status() != 201) {
            throw new AssertionError("user setup failed: " + registered + " / " + login);
        }
        return Map.entry(api().as(login.json().get("accessToken").asString()).get("/api/v1/users/me").json()
                .get("id").asString(),
                api().as(login.json().get("accessToken").asString()));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            proxy.close();
            directPool.close();
            TestDatabases.instance().drop(database);
        }
    }

    /** The clock the tests move, as in the shared context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        Clock outageTestClock() {
            return TestEnvironment.CLOCK;
        }
    }

    private static final class TestConfigurationExclude extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestConfigurationExclude;
        }

        @Override
        public int hashCode() {
            return TestConfigurationExclude.class.hashCode();
        }
    }
}
