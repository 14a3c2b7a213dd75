package io.dashtam.platform.database;

import io.dashtam.platform.runtime.ConfigurationProblem;
import io.dashtam.platform.runtime.Environments;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides where the data lives: {@code DATABASE_URL} (a {@code postgresql://user:pass@host:port/db} URL as hosting
 * platforms hand out), {@code spring.datasource.*}, or else an embedded PostgreSQL (never in staging or prod).
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String MODE = "dashtam.database.mode";
    public static final String EMBEDDED = "embedded";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String databaseUrl = env.getProperty("DATABASE_URL", "");
        if (!databaseUrl.isBlank() && !env.containsProperty("spring.datasource.url")) {
            props.putAll(toDataSourceProperties(databaseUrl));
        }
        boolean configured = env.containsProperty("spring.datasource.url") || props.containsKey("spring.datasource.url");
        if (env.getProperty(MODE, "").isBlank()) {
            if (!configured && Environments.isProductionLike(env)) {
                throw new ConfigurationProblem("DATABASE_URL",
                        "required in " + Environments.name(env) + " (embedded PostgreSQL is for dev, test and ci)");
            }
            props.put(MODE, configured ? "external" : EMBEDDED);
        }
        env.getPropertySources().addLast(new MapPropertySource("dashtamDatabase", props));
    }

    static Map<String, Object> toDataSourceProperties(String databaseUrl) {
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", databaseUrl);
        Map<String, Object> props = new HashMap<>();
        props.put("spring.datasource.url", url.jdbcUrl());
        if (url.username() != null) {
            props.put("spring.datasource.username", url.username());
        }
        if (url.password() != null) {
            props.put("spring.datasource.password", url.password());
        }
        return props;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
