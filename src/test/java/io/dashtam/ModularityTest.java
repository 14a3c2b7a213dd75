package io.dashtam;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries as code: each module uses only the modules its package-info allows, and no cycles. */
class ModularityTest {

    @Test
    void modulesRespectTheirAllowedDependencies() {
        // Production classes only, whatever the build directory is called (-Dbuild.dir=target-<branch>):
        // ArchUnit's own DoNotIncludeTests only recognises target/test-classes.
        ApplicationModules.of(DashtamApplication.class, location -> !location.contains("/test-classes/"))
                .verify();
    }
}
