package dev.strangler.proxy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.strangler.proxy", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static ArchRule noReachingInto(String feature) {
        return noClasses().that().resideOutsideOfPackage("dev.strangler.proxy." + feature + "..")
                .should().dependOnClassesThat().resideInAPackage("dev.strangler.proxy." + feature + ".internal..")
                .as("only " + feature + " uses " + feature + ".internal");
    }

    @ArchTest
    static final ArchRule routeInternals = noReachingInto("route");
    @ArchTest
    static final ArchRule forwardInternals = noReachingInto("forward");
    @ArchTest
    static final ArchRule sloInternals = noReachingInto("slo");

    @ArchTest
    static final ArchRule canaryIsPure = noClasses().that().resideInAPackage("dev.strangler.proxy.canary..")
            .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.springframework..", "org.apache.kafka..")
            .as("the canary split is a pure function, the same on every replica");

    @ArchTest
    static final ArchRule onlyForwardUsesVertx = noClasses().that().resideOutsideOfPackage("dev.strangler.proxy.forward..")
            .should().dependOnClassesThat().resideInAPackage("io.vertx..")
            .as("Vert.x stays in the data plane");

    @ArchTest
    static final ArchRule onlyTheRouteSyncUsesKafka = noClasses().that().resideOutsideOfPackage("dev.strangler.proxy.route.internal..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
            .as("Kafka carries the route table only");

    @ArchTest
    static final ArchRule noLegacyImports = noClasses().should().dependOnClassesThat().resideInAPackage("dev.strangler.legacy..")
            .as("the proxy knows services only by URL");
}
