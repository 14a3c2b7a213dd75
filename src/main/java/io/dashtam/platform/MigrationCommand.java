package io.dashtam.platform;

import io.dashtam.platform.database.EmbeddedPostgresConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar dashtam.jar migrate}: applies the Flyway migrations and exits. A context with only the
 * database in it, so the one-shot migrate job (compose service, Kubernetes Job) starts fast and serves nothing.
 */
public final class MigrationCommand {

    private MigrationCommand() {
    }

    public static int run(String[] args) {
        SpringApplication app = new SpringApplication(Migration.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var context = app.run(args)) {
            return SpringApplication.exit(context);
        } catch (RuntimeException e) {
            return 1;
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import(EmbeddedPostgresConfiguration.class)
    static class Migration {
    }
}
