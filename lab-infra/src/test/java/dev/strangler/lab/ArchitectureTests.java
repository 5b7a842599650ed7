package dev.strangler.lab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Each engine stands alone, so a module's tests pull in only what they use; only the test support sees them all. */
@AnalyzeClasses(packages = "dev.strangler.lab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule processSupervisionDependsOnNoEngine = noClasses()
            .that().resideInAPackage("..lab.process..")
            .should().dependOnClassesThat().resideInAnyPackage("..lab.postgres..", "..lab.kafka..", "..lab.registry..",
                    "..lab.psp..", "..lab.junit..");

    @ArchTest
    static final ArchRule postgresIsIndependent = engineIndependent("postgres");

    @ArchTest
    static final ArchRule kafkaIsIndependent = engineIndependent("kafka");

    @ArchTest
    static final ArchRule registryIsIndependent = engineIndependent("registry");

    @ArchTest
    static final ArchRule pspIsIndependent = engineIndependent("psp");

    private static ArchRule engineIndependent(String engine) {
        String[] others = java.util.stream.Stream.of("postgres", "kafka", "registry", "psp", "junit")
                .filter(e -> !e.equals(engine)).map(e -> "..lab." + e + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage("..lab." + engine + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("each engine can be used alone");
    }
}
