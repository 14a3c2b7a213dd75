package io.dashtam.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnusedAutoConfigurationTest {

    private static Set<String> candidates() throws IOException {
        Set<String> all = new HashSet<>();
        for (URL url : Collections.list(UnusedAutoConfigurationTest.class.getClassLoader().getResources(
                "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"))) {
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(all::add);
            }
        }
        return all;
    }

    @Test
    void everyDroppedNameIsARealCandidate() throws IOException {
        // A Boot upgrade that renames one of them would otherwise silently bring it back.
        assertThat(candidates()).containsAll(UnusedAutoConfiguration.UNUSED);
    }

    @Test
    void dropsOnlyTheListedOnes() {
        String health = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration";
        String env = "org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration";
        boolean[] keep = new UnusedAutoConfiguration().match(new String[] {health, env, null}, null);
        assertThat(keep).containsExactly(true, false, true);
    }
}
