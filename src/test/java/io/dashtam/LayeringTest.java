package io.dashtam;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The application layer as code: use-case services are each module's API; REST controllers and page controllers
 * are adapters over them that nothing else may call, and a refusal is a domain exception that carries no HTTP
 * status (each adapter maps it once).
 */
class LayeringTest {

    /** Production classes only, whatever the build directory is called (see ModularityTest). */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.dashtam");

    /** Controllers and controller advice, with the types nested in them (their request and response records). */
    private static final DescribedPredicate<JavaClass> ADAPTER = DescribedPredicate.describe("a controller",
            c -> isAdapter(c) || c.getEnclosingClass().map(LayeringTest::isAdapter).orElse(false));

    private static boolean isAdapter(JavaClass c) {
        return c.isAnnotatedWith(Controller.class) || c.isMetaAnnotatedWith(Controller.class)
                || c.isAnnotatedWith(RestController.class) || c.isAnnotatedWith(ControllerAdvice.class)
                || c.isAnnotatedWith(RestControllerAdvice.class);
    }

    @Test
    void onlyControllersReferToControllers() {
        noClasses().that(not(ADAPTER)).should().dependOnClassesThat(ADAPTER)
                .because("controllers are adapters over the use-case services; nothing calls them")
                .check(CLASSES);
    }

    @Test
    void controllersNeverCallEachOther() {
        classes().that(ADAPTER).should(new ArchCondition<JavaClass>("not depend on another controller") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass();
                    if (target.getPackageName().startsWith("io.dashtam") && ADAPTER.test(target)
                            && !topLevel(target).equals(topLevel(origin))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        }).because("a page and an API endpoint reach the same use case through its service").check(CLASSES);
    }

    private static JavaClass topLevel(JavaClass c) {
        return c.getEnclosingClass().map(LayeringTest::topLevel).orElse(c);
    }

    @Test
    void refusalsCarryNoHttpStatus() {
        noClasses().that(assignableTo(Throwable.class)).and(resideInAPackage("io.dashtam.."))
                .should().dependOnClassesThat(resideInAPackage("org.springframework.http.."))
                .orShould().dependOnClassesThat(resideInAPackage("org.springframework.web.."))
                .orShould().dependOnClassesThat(resideInAPackage("jakarta.servlet.."))
                .because("a domain exception says what was refused; the adapters decide the status")
                .check(CLASSES);
        // Nor a status code of their own (ApiException did, as an int); a controller's own errors may, and so may
        // the built-in fake providers', which answer with the provider's HTTP protocol (Schwab's 400s and 401s).
        classes().that(assignableTo(Throwable.class)).and(resideInAPackage("io.dashtam..")).and(not(ADAPTER))
                .and(not(resideInAnyPackage("io.dashtam.sandbox..", "io.dashtam.simplefinsandbox..")))
                .should(new ArchCondition<JavaClass>("carry no status code") {
                    @Override
                    public void check(JavaClass exception, ConditionEvents events) {
                        exception.getAllFields().stream()
                                .filter(f -> f.getOwner().getPackageName().startsWith("io.dashtam"))
                                .filter(f -> f.getName().toLowerCase().contains("status"))
                                .filter(f -> f.getRawType().isEquivalentTo(int.class)
                                        || f.getRawType().isEquivalentTo(Integer.class))
                                .forEach(f -> events.add(SimpleConditionEvent.violated(f,
                                        f.getFullName() + " is a status code")));
                    }
                }).check(CLASSES);
    }

    @Test
    void servicesThrowNoHttpTypedExceptions() {
        noClasses().that(not(ADAPTER)).and(not(resideInAPackage("io.dashtam.platform..")))
                .should().dependOnClassesThat(assignableTo(org.springframework.web.server.ResponseStatusException.class))
                .orShould().dependOnClassesThat(assignableTo(org.springframework.web.ErrorResponseException.class))
                .orShould().dependOnClassesThat(annotatedWith(org.springframework.web.bind.annotation.ResponseStatus.class))
                .because("services throw domain exceptions (io.dashtam.core.DomainException), never HTTP ones")
                .check(CLASSES);
    }
}
