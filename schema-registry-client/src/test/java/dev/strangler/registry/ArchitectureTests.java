package dev.strangler.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** A plain library: usable from any Kafka client, swappable for Confluent's, tied to no framework. */
@AnalyzeClasses(packages = "dev.strangler.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule noFramework = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "io.confluent..", "io.apicurio..");

    @ArchTest
    static final ArchRule noOtherModule = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.strangler.lab..", "dev.strangler.legacy..", "dev.strangler.proxy..", "dev.strangler.payments..");
}
