package io.fcs.central;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The feature packages of central are application modules (Spring Modulith): no cycles between
 * them, and only their top-level public types are used by others.
 */
class ModuleStructureTest {

    @Test
    void featurePackagesFormAnAcyclicModuleGraph() {
        ApplicationModules.of(CentralApplication.class).verify();
    }
}
