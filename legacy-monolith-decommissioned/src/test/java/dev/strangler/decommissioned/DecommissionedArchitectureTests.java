package dev.strangler.decommissioned;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the decommissioned monolith is made of ({@code target/classes}, the jar's {@code BOOT-INF/classes}): the
 * shop without a single class that touches a payment table, not even in the payments package, and with the
 * untangled twin of every tangle.
 */
class DecommissionedArchitectureTests {

    private static final String LEGACY = "dev.strangler.legacy.";
    private static final Set<String> PAYMENT_TABLE_CLASSES = Set.of(
            LEGACY + "db.tables.Payments", LEGACY + "db.tables.PaymentEvents",
            LEGACY + "db.tables.records.PaymentsRecord", LEGACY + "db.tables.records.PaymentEventsRecord");

    private static final JavaClasses SHOP = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void noClassTouchesAPaymentTable() {
        List<String> touching = SHOP.stream()
                .filter(c -> !c.getPackageName().startsWith(LEGACY + "db"))
                .filter(DecommissionedArchitectureTests::touchesPaymentTables)
                .map(JavaClass::getName)
                .toList();

        assertThat(SHOP.size()).as("the shop's classes were unpacked").isGreaterThan(50);
        assertThat(touching).isEmpty();
    }

    @Test
    void theTangledClassesAreGoneAndTheirTwinsStay() {
        assertThat(SHOP.stream().map(JavaClass::getName))
                .contains(LEGACY + "orders.internal.PaymentApiOrderPayments",
                        LEGACY + "customers.internal.PaymentApiCustomerCards",
                        LEGACY + "reports.internal.PaymentApiSalesReport",
                        LEGACY + "support.internal.PaymentApiOverrides",
                        LEGACY + "payments.internal.RemotePaymentProcessing")
                .doesNotContain(LEGACY + "orders.internal.SharedTableOrderPayments",
                        LEGACY + "customers.internal.SharedTableCustomerCards",
                        LEGACY + "reports.internal.JooqSalesReport",
                        LEGACY + "support.internal.JooqSupport",
                        LEGACY + "seed.internal.ShopSeeder",
                        LEGACY + "payments.internal.JooqPayments",
                        LEGACY + "payments.internal.InProcessPaymentProcessing");
    }

    private static boolean touchesPaymentTables(JavaClass c) {
        return c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> PAYMENT_TABLE_CLASSES.contains(d.getTargetClass().getName()))
                || c.getFieldAccessesFromSelf().stream()
                        .anyMatch(a -> PAYMENT_TABLE_CLASSES.contains(a.getTarget().getRawType().getName()));
    }
}
