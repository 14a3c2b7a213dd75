package io.dashtam.providers;

import io.dashtam.audit.AuditLog;
import io.dashtam.core.RequestOrigin;
import io.dashtam.providers.authorization.KeyRotation;
import io.dashtam.providers.authorization.PastedCredentials;
import io.dashtam.providers.authorization.ProviderTokens;
import io.dashtam.providers.authorization.TokenCipher;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar dashtam.jar rotate-keys}: re-encrypts every stored provider token under the active key of
 * {@code DASHTAM_ENCRYPTION_KEYS} (the first one), in batches, while the app keeps running, then prints how many
 * rows moved and how many still use another key. A context with only the database in it; it needs
 * {@code DATABASE_URL} (with the embedded dev database, use the running app's admin endpoint or its background job).
 */
public final class RotateKeysCommand {

    private RotateKeysCommand() {
    }

    public static int run(String[] args) {
        if (!databaseConfigured(args)) {
            System.err.println("DATABASE_URL: rotate-keys needs the database URL (with the embedded dev database call "
                    + "POST /api/v1/admin/providers/rotate-keys on the running app, or let its background job do it)");
            return 2;
        }
        SpringApplication app = new SpringApplication(Rotation.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (var context = app.run(args)) {
            KeyRotation rotation = context.getBean(KeyRotation.class);
            int moved = rotation.rotateAll(100, RequestOrigin.SYSTEM, null);
            long remaining = rotation.remaining();
            System.out.println("rotate-keys: re-encrypted " + moved + " token row(s); " + remaining
                    + " still under another key" + (remaining > 0 ? " (in use right now: run again)" : ""));
            return remaining == 0 ? 0 : 3;
        } catch (RuntimeException e) {
            System.err.println("rotate-keys failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean databaseConfigured(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--spring.datasource.url=") || arg.startsWith("--DATABASE_URL=")) {
                return true;
            }
        }
        return notBlank(System.getenv("DATABASE_URL")) || notBlank(System.getenv("SPRING_DATASOURCE_URL"))
                || notBlank(System.getProperty("spring.datasource.url"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Deliberately not a @Configuration: the app's component scan must not pick it up. */
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class})
    @Import({ProviderTokens.class, PastedCredentials.class, TokenCipher.class, KeyRotation.class, AuditLog.class})
    static class Rotation {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }
}
