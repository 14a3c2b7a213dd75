package io.dashtam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.dashtam.providers.ProviderAdapter;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Providers are plug-ins: a concrete provider (a class implementing the provider port) lives in its own package,
 * found by the registry as a Spring bean, and no class outside the provider packages refers to any of them, so the
 * sync engine, the registry and the web layer stay provider-agnostic. The sandbox brokerage (dev and test only)
 * is referred to by nothing at all.
 */
class ProviderPluginsTest {

    private static final ImportOption PRODUCTION = location -> !location.contains("/test-classes/");
    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(PRODUCTION)
            .importPackages("io.dashtam");

    static Set<String> providerPackages() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            if (c.isAssignableTo(ProviderAdapter.class) && !c.isInterface()
                    && !c.getModifiers().contains(JavaModifier.ABSTRACT)) {
                packages.add(c.getPackageName());
            }
        }
        return packages;
    }

    @Test
    void everyConcreteProviderLivesInItsOwnPackageOutsideTheProvidersModule() {
        assertThat(providerPackages()).contains("io.dashtam.schwab", "io.dashtam.sandbox")
                .doesNotContain("io.dashtam.providers", "io.dashtam.sync");
    }

    @Test
    void nothingOutsideTheProviderPackagesRefersToAConcreteProvider() {
        String[] providers = providerPackages().stream().map(p -> p + "..").toArray(String[]::new);
        noClasses().that().resideOutsideOfPackages(providers).should().dependOnClassesThat()
                .resideInAnyPackage(providers).because("providers are reached only through the provider port")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheSandbox() {
        noClasses().that().resideOutsideOfPackage("io.dashtam.sandbox..").should().dependOnClassesThat()
                .resideInAPackage("io.dashtam.sandbox..").because("the sandbox is off in staging and prod")
                .check(CLASSES);
    }
}
