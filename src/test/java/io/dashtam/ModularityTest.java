package io.dashtam;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries as code: each module uses only the modules its package-info allows, and no cycles. */
class ModularityTest {

    @Test
    void modulesRespectTheirAllowedDependencies() {
        // Production classes only, whatever the build directory is called (-Dbuild.dir=target-<branch>): ArchUnit's
        // own test filter only knows target/test-classes.
        ImportOption productionOnly = location -> !location.contains("/test-classes/");
        ApplicationModules.of(DashtamApplication.class, productionOnly).verify();
    }
}
