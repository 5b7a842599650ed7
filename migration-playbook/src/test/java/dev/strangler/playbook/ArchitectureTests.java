package dev.strangler.playbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The command line is a thin layer: features never call back into it. */
@AnalyzeClasses(packages = "dev.strangler.playbook", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("..playbook.cli..")
            .should().dependOnClassesThat().resideInAPackage("..playbook.cli..");

    @ArchTest
    static final ArchRule labIsDrivenWithoutPicocli = noClasses()
            .that().resideInAPackage("..playbook.lab..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");
}
