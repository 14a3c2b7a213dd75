package io.dashtam.platform.runtime;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.env.Environment;

/** The deployment environment (a Spring profile) and where it keeps local state. */
public final class Environments {

    static final List<String> NAMES = List.of("dev", "test", "ci", "staging", "prod");

    private Environments() {
    }

    public static String name(Environment env) {
        return Arrays.stream(env.getActiveProfiles()).filter(NAMES::contains).reduce((a, b) -> b).orElse("dev");
    }

    /** staging and prod never invent keys, certificates or databases. */
    public static boolean isProductionLike(Environment env) {
        String name = name(env);
        return name.equals("prod") || name.equals("staging");
    }

    public static Path home(Environment env) {
        return Path.of(env.getProperty("dashtam.home", ".dashtam")).toAbsolutePath().normalize();
    }
}
