package io.dashtam.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String MODE = "dashtam.database.mode";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String databaseUrl = env.getProperty("DATABASE_URL", "");
        if (!databaseUrl.isBlank() && !env.containsProperty("spring.datasource.url")) {
            props.putAll(toDataSourceProperties(databaseUrl));
        }
        boolean configured = env.containsProperty("spring.datasource.url") || props.containsKey("spring.datasource.url");
        if (!env.containsProperty(MODE)) {
            if (!configured && Environments.isProductionLike(env)) {
                throw new ConfigurationProblem("DATABASE_URL",
                        "required in " + Environments.name(env) + " (embedded PostgreSQL is for dev, test and ci)");
            }
            props.put(MODE, configured ? "external" : "embedded");
        }
        env.getPropertySources().addLast(new MapPropertySource("dashtamDatabase", props));
    }

    /** Never echoes the URL: it carries a password. */
    static Map<String, Object> toDataSourceProperties(String databaseUrl) {
        URI uri;
        try {
            uri = new URI(databaseUrl.trim());
        } catch (URISyntaxException e) {
            throw new ConfigurationProblem("DATABASE_URL", "not a valid URL (expected postgresql://user:pass@host:port/db)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new ConfigurationProblem("DATABASE_URL", "scheme must be postgresql:// or postgres://");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new ConfigurationProblem("DATABASE_URL", "needs a host and a database name");
        }
        Map<String, Object> props = new HashMap<>();
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        props.put("spring.datasource.url", jdbc);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.put("spring.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return props;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
