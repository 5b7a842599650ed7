package dev.strangler.cdc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.strangler.cdc", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule translateIsPure = noClasses().that().resideInAPackage("..cdc.translate..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.debezium..",
                    "org.springframework..", "java.sql..", "javax.sql..")
            .because("translation is pure: unit tests drive it without Kafka, Debezium or a database");

    @ArchTest
    static final ArchRule noOneReachesIntoAnotherFeaturesInternals = noClasses().that()
            .resideOutsideOfPackages("..cdc.capture..").and().resideOutsideOfPackage("dev.strangler.cdc")
            .should().dependOnClassesThat().resideInAPackage("..cdc.capture.internal..");

    @ArchTest
    static final ArchRule applyInternalsStayInApply = noClasses().that()
            .resideOutsideOfPackages("..cdc.apply..").and().resideOutsideOfPackage("dev.strangler.cdc")
            .should().dependOnClassesThat().resideInAPackage("..cdc.apply.internal..");

    @ArchTest
    static final ArchRule noLegacyCode = noClasses().should().dependOnClassesThat()
            .resideInAPackage("dev.strangler.legacy..");

    @ArchTest
    static final ArchRule onlyCaptureReadsDebezium = noClasses().that().resideOutsideOfPackage("..cdc.capture..")
            .and().resideOutsideOfPackage("dev.strangler.cdc")
            .should().dependOnClassesThat().resideInAPackage("io.debezium..");
}
