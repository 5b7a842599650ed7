package dev.strangler.payments;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.strangler.payments.vault.CardNumber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundaries the module README promises, enforced. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.payments");

    private static final List<String> FEATURES = List.of("payment", "vault", "psp", "idempotency", "outbox");

    @Test
    void theServiceDependsOnNoMonolithCode() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.strangler.legacy..").check(CLASSES);
    }

    @Test
    void onlyTheVaultAndTheGatewayClientSeeCardNumbers() {
        noClasses().that().resideOutsideOfPackages("dev.strangler.payments.vault..", "dev.strangler.payments.psp..")
                .should().dependOnClassesThat().areAssignableTo(CardNumber.class)
                .because("a PAN exists only in the vault, and in the one gateway request that must carry it")
                .check(CLASSES);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesInternals() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage("dev.strangler.payments." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("dev.strangler.payments." + feature + ".internal..")
                    .check(CLASSES);
        }
    }

    @Test
    void theDomainUsesNoSpringAndNoJooq() {
        noClasses().that().resideInAPackage("..payment.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..",
                        "dev.strangler.payments.db..")
                .check(CLASSES);
    }

    @Test
    void onlyInternalRepositoriesTouchTheDatabase() {
        noClasses().that().resideOutsideOfPackages("..internal..", "dev.strangler.payments.db..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "dev.strangler.payments.db..",
                        "org.springframework.jdbc..", "dev.strangler.support.jdbc..")
                .because("controllers and services go through repositories; only they hold a DSLContext or a "
                        + "JdbcTemplate")
                .check(CLASSES);
    }
}
