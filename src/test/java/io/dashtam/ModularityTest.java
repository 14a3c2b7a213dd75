package io.dashtam;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries as code: each module uses only the modules its package-info allows, and no cycles. */
class ModularityTest {

    @Test
    void modulesRespectTheirAllowedDependencies() {
        ApplicationModules.of(DashtamApplication.class).verify();
    }
}
