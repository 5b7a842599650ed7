package dev.strangler.legacy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What "touches the payment tables" means for ArchUnit: uses the jOOQ classes generated for {@code payments} or
 * {@code payment_events}, either their columns ({@code PAYMENTS.STATUS}) or the table constant itself
 * ({@code Tables.PAYMENTS}, whose owner is {@code Tables}, so it is checked by the field's type).
 */
final class PaymentTables {

    static final Set<String> CLASSES = Set.of(
            "dev.strangler.legacy.db.tables.Payments",
            "dev.strangler.legacy.db.tables.PaymentEvents",
            "dev.strangler.legacy.db.tables.records.PaymentsRecord",
            "dev.strangler.legacy.db.tables.records.PaymentEventsRecord");

    static final JavaClasses SHOP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.strangler.legacy");

    private PaymentTables() {
    }

    /** How {@code c} touches the payment tables, one description per use; empty when it does not. */
    static List<String> uses(JavaClass c) {
        List<String> uses = new ArrayList<>();
        c.getDirectDependenciesFromSelf().stream()
                .filter(d -> CLASSES.contains(d.getTargetClass().getName()))
                .forEach(d -> uses.add(d.getDescription()));
        c.getFieldAccessesFromSelf().stream()
                .filter(a -> CLASSES.contains(a.getTarget().getRawType().getName()))
                .forEach(a -> uses.add(a.getDescription()));
        return uses;
    }

    /** True when {@code owner} (or one of its nested classes) touches a payment table. */
    static boolean touchedBy(Class<?> owner) {
        return SHOP.stream()
                .filter(c -> c.getName().equals(owner.getName()) || c.getName().startsWith(owner.getName() + "$"))
                .anyMatch(c -> !uses(c).isEmpty());
    }

    /** The ArchUnit condition for rules. */
    static ArchCondition<JavaClass> notTouchPaymentTables() {
        return new ArchCondition<>("not touch the payments or payment_events tables") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                uses(c).forEach(use -> events.add(SimpleConditionEvent.violated(c, use)));
            }
        };
    }
}
