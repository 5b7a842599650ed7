package dev.strangler.legacy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/**
 * The shop's boundaries. Rules that today's tangles break are frozen: the violations recorded in
 * {@code src/test/resources/archunit_store} are accepted, any new one fails. A migration step that removes a
 * tangle shrinks the store (ArchUnit drops violations that are gone).
 */
class ArchitectureTests {

    private static final JavaClasses SHOP = PaymentTables.SHOP;

    private static final String[] FEATURES = {"catalog", "customers", "orders", "payments", "reports", "support",
        "seed", "web"};

    @Test
    void onlyThePaymentsPackageTouchesPaymentTables() {
        ArchRule rule = classes()
                .that().resideOutsideOfPackages("dev.strangler.legacy.payments..", "dev.strangler.legacy.db..")
                .should(PaymentTables.notTouchPaymentTables())
                .as("only the payments package touches payment tables");
        FreezingArchRule.freeze(rule).check(SHOP);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesInternals() {
        ArchRule rule = classes().should(stayOutOfOtherFeaturesInternals())
                .as("no feature reaches into another feature's internal package");
        FreezingArchRule.freeze(rule).check(SHOP);
    }

    @Test
    void onlyInternalPackagesUseJooqDirectly() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage(featureRoots())
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "dev.strangler.legacy.db..")
                .as("feature root packages reach the database only through their internal package");
        FreezingArchRule.freeze(rule).check(SHOP);
    }

    @Test
    void paymentRulesDependOnNoFrameworkWeb() {
        noClasses().that().haveSimpleNameStartingWith("Payment").and().resideInAPackage("dev.strangler.legacy.payments")
                .and().haveSimpleNameNotEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "jakarta.servlet..")
                .check(SHOP);
    }

    private static String[] featureRoots() {
        String[] roots = new String[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            roots[i] = "dev.strangler.legacy." + FEATURES[i];
        }
        return roots;
    }

    private static String feature(String packageName) {
        String rest = packageName.startsWith("dev.strangler.legacy.")
                ? packageName.substring("dev.strangler.legacy.".length()) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaClass> stayOutOfOtherFeaturesInternals() {
        return new ArchCondition<>("stay out of other features' internal packages") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = feature(origin.getPackageName());
                origin.getDirectDependenciesFromSelf().forEach(d -> {
                    String target = d.getTargetClass().getPackageName();
                    if (target.contains(".internal") && target.startsWith("dev.strangler.legacy.")
                            && !feature(target).equals(own)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        };
    }
}
