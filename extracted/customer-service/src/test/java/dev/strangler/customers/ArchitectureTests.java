package dev.strangler.customers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundaries the module README promises, enforced. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.customers");

    private static final List<String> FEATURES = List.of("customer", "shop");

    @Test
    void theServiceDependsOnNoMonolithCode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.strangler.legacy..").check(CLASSES);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesInternals() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage("dev.strangler.customers." + feature + "..")
                    .should().dependOnClassesThat()
                    .resideInAPackage("dev.strangler.customers." + feature + ".internal..")
                    .check(CLASSES);
        }
    }

    @Test
    void onlyInternalRepositoriesTouchTheDatabase() {
        noClasses().that().resideOutsideOfPackages("..internal..", "dev.strangler.customers.db..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "dev.strangler.customers.db..",
                        "org.springframework.jdbc..", "dev.strangler.support.jdbc..")
                .because("controllers and use cases go through the Customers repository; only it holds a DSLContext")
                .check(CLASSES);
    }

    @Test
    void onlyTheShopFeatureCallsOutOverHttp() {
        noClasses().that().resideOutsideOfPackage("dev.strangler.customers.shop..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.strangler.support.http..",
                        "org.springframework.web.client..", "java.net.http..", "org.apache.hc..")
                .because("the shop is asked in one place, with its timeouts, and its failures become ShopUnavailable")
                .check(CLASSES);
    }

    @Test
    void theMappingRulesAndTheChoiceOfTheLastCardArePlainJava() {
        classes().that().haveSimpleNameStartingWith("CustomerMapping").or().haveSimpleNameStartingWith("LastCards")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                        "dev.strangler.customers.customer", "dev.strangler.customers.shop.internal")
                .because("the CDC descriptor states the same rules in SQL: they must be testable without a server")
                .check(CLASSES);
    }
}
