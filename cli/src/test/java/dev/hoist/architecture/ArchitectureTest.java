package dev.hoist.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md, enforced on core, every built-in flavor and the CLI (all
 * on this module's class path). Breaking a rule fails the build, in {@code scripts/test.sh} and CI.
 */
class ArchitectureTest {

    private static JavaClasses hoist;

    @BeforeAll
    static void importHoist() {
        // Main classes only: not this module's tests, nor core's test-jar.
        ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        hoist = new ClassFileImporter().withImportOption(mainOnly).importPackages("dev.hoist");
    }

    /** The SPI is a leaf: the JDK, Guice's Module (for Flavor.module()) and Typesafe Config, nothing else. */
    static final ArchRule SPI_IS_A_LEAF = classes().that().resideInAPackage("dev.hoist.spi")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.hoist.spi", "java..", "com.typesafe.config..")
            .orShould().onlyDependOnClassesThat().resideInAnyPackage("dev.hoist.spi", "java..", "com.typesafe.config..",
                    "com.google.inject")
            .because("a plugin built against SPI 2.x must keep working whatever core does inside");

    /** The public API package uses only the SPI below it. */
    static final ArchRule API_USES_ONLY_THE_SPI = noClasses().that().resideInAPackage("dev.hoist.api")
            .should().dependOnClassesThat().resideInAPackage("dev.hoist..")
            .andShould().dependOnClassesThat().resideOutsideOfPackages("dev.hoist.api", "dev.hoist.spi", "java..");

    /** No cycle between Hoist's packages. */
    static final ArchRule NO_CYCLES = slices().matching("dev.hoist.(**)").should().beFreeOfCycles();

    /** Flavors see the SPI and the public API only, never core's internals. */
    static final ArchRule FLAVORS_USE_ONLY_SPI_AND_API = classes().that().resideInAPackage("dev.hoist.flavor..")
            .should().onlyDependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideOutsideOfPackage("dev.hoist..")
                    .or(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                            "dev.hoist.spi", "dev.hoist.api", "dev.hoist.flavor..")))
            .because("the plugin class loader shares only dev.hoist.spi and dev.hoist.api");

    /** No flavor class extends a core class. */
    static final ArchRule FLAVORS_EXTEND_NO_CORE_CLASS = noClasses().that().resideInAPackage("dev.hoist.flavor..")
            .should().beAssignableTo(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.hoist..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES))
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.hoist.flavor.."))))
            .allowEmptyShould(true);

    /** Only the CLI uses the facade; everything else sits below it. */
    static final ArchRule FACADE_IS_THE_TOP = noClasses().that().resideInAPackage("dev.hoist..")
            .and().resideOutsideOfPackages("dev.hoist", "dev.hoist.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.hoist");

    @Test
    void theSpiIsALeaf() {
        SPI_IS_A_LEAF.check(hoist);
    }

    @Test
    void thePublicApiUsesOnlyTheSpi() {
        API_USES_ONLY_THE_SPI.check(hoist);
    }

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(hoist);
    }

    @Test
    void flavorsUseOnlyTheSpiAndThePublicApi() {
        FLAVORS_USE_ONLY_SPI_AND_API.check(hoist);
    }

    @Test
    void noFlavorExtendsACoreClass() {
        FLAVORS_EXTEND_NO_CORE_CLASS.check(hoist);
    }

    @Test
    void onlyTheCliUsesTheFacade() {
        FACADE_IS_THE_TOP.check(hoist);
    }
}
