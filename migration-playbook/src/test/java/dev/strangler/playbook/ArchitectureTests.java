package dev.strangler.playbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The command line is a thin layer: features never call back into it; the drafting of descriptors and the playbook's
 * gates are pure.
 */
@AnalyzeClasses(packages = "dev.strangler.playbook", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("..playbook.cli..")
            .should().dependOnClassesThat().resideInAPackage("..playbook.cli..");

    @ArchTest
    static final ArchRule initDraftingIsPure = noClasses().that().resideInAPackage("..playbook.init.internal..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.nio.file..",
                    "java.net..", "picocli..")
            .because("a draft is a function of two schema snapshots: unit tests drive it without a database");

    @ArchTest
    static final ArchRule initInternalsStayInInit = noClasses().that().resideOutsideOfPackage("..playbook.init..")
            .should().dependOnClassesThat().resideInAPackage("..playbook.init.internal..");

    @ArchTest
    static final ArchRule gatesArePure = noClasses().that().resideInAPackage("..playbook.playbook.internal..")
            .and().haveNameMatching(".*Gate(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.sql..", "java.nio.file..",
                    "com.fasterxml.jackson..", "..playbook.lab..", "..playbook.route..", "..playbook.cdc..")
            .orShould().dependOnClassesThat().haveSimpleName("StepContext")
            .because("a gate is a function of the figures its step gathered from the lab: unit tests judge it"
                    + " without one");

    @ArchTest
    static final ArchRule labIsDrivenWithoutPicocli = noClasses()
            .that().resideInAPackage("..playbook.lab..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");
}
