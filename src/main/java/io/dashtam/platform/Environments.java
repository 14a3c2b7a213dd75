package io.dashtam.platform;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/** The deployment environment (a Spring profile) and where it keeps local state. */
final class Environments {

    static final List<String> NAMES = List.of("dev", "test", "ci", "staging", "prod");

    private Environments() {
    }

    static String name(Environment env) {
        return Arrays.stream(env.getActiveProfiles()).filter(NAMES::contains).reduce((a, b) -> b).orElse("dev");
    }

    /** staging and prod never invent keys, certificates or databases. */
    static boolean isProductionLike(Environment env) {
        String name = name(env);
        return name.equals("prod") || name.equals("staging");
    }

    static Path home(Environment env) {
        return Path.of(env.getProperty("dashtam.home", ".dashtam")).toAbsolutePath().normalize();
    }
}
