package io.dashtam.platform;

import io.dashtam.platform.database.DatabaseEnvironmentPostProcessor;
import io.dashtam.platform.database.EmbeddedPostgresConfiguration;
import io.dashtam.platform.runtime.Environments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The database for a one-shot command of the jar ({@code backup}, {@code restore}): a non-web context holding only
 * a data source, on {@code DATABASE_URL} (or {@code spring.datasource.*}) when set, else on the embedded PostgreSQL of
 * {@code DASHTAM_HOME}. When the app itself is running on that embedded database, the command connects to the
 * running server (found through its {@code postmaster.pid}) instead of starting a second one on the same data, so
 * {@code make backup} works while {@code make run} does. Flyway is not run: the caller decides.
 */
public final class DatabaseCommand {

    private DatabaseCommand() {
    }

    /** Starts the context; the caller closes it (which stops an embedded server this command started). */
    public static ConfigurableApplicationContext start(String[] args, Class<?>... sources) {
        List<Class<?>> all = new ArrayList<>(List.of(sources));
        all.add(DatabaseOnly.class);
        SpringApplication app = new SpringApplication(all.toArray(Class<?>[]::new));
        app.setWebApplicationType(WebApplicationType.NONE);
        app.addListeners(new AttachToRunningEmbedded());
        app.setLogStartupInfo(false);
        return app.run(args);
    }

    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    @Import(EmbeddedPostgresConfiguration.class)
    static class DatabaseOnly {
    }

    /** After the environment post-processors decided on the embedded database: is it already running? */
    static final class AttachToRunningEmbedded implements ApplicationListener<ApplicationEnvironmentPreparedEvent>,
            Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            ConfigurableEnvironment env = event.getEnvironment();
            if (!DatabaseEnvironmentPostProcessor.EMBEDDED.equals(env.getProperty(DatabaseEnvironmentPostProcessor.MODE))) {
                return;
            }
            Path dataDir = Environments.home(env).resolve(Environments.name(env)).resolve("pgdata");
            runningPort(dataDir).ifPresent(port -> env.getPropertySources().addFirst(new MapPropertySource(
                    "dashtamRunningEmbedded", Map.of(
                            DatabaseEnvironmentPostProcessor.MODE, "attached",
                            "spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/"
                                    + EmbeddedPostgresConfiguration.DATABASE,
                            "spring.datasource.username", "postgres"))));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** The port of a live postgres owning this data directory (postmaster.pid: pid on line 1, port on line 4). */
    static Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true))
                    .isPresent();
            return alive ? Optional.of(Integer.parseInt(lines.get(3).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
