package dev.strangler.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.customers.internal.SharedTableCustomerCards;
import dev.strangler.legacy.orders.Orders;
import dev.strangler.legacy.orders.internal.SharedTableOrderPayments;
import dev.strangler.legacy.reports.internal.JooqSalesReport;
import dev.strangler.legacy.seed.internal.ShopSeeder;
import dev.strangler.legacy.support.internal.JooqSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One test per labelled tangle (README "Tangles"): each proves the coupling exists today, class by class, so that
 * the toolkit's analysis can be checked against it and a migration step can prove it gone (then flip the test).
 */
class TangleTests {

    private static String source(Class<?> type) throws IOException {
        return Files.readString(Path.of("src/main/java", type.getName().replace('.', '/') + ".java"));
    }

    @Test
    void step1OrderLookupReadsThePaymentsTable() throws IOException {
        assertThat(PaymentTables.touchedBy(SharedTableOrderPayments.class)).isTrue();
        assertThat(source(SharedTableOrderPayments.class)).contains("TANGLE(step-1)");
    }

    @Test
    void step2CheckoutAuthorizesInsideItsOwnTransaction() throws Exception {
        assertThat(Orders.class.getMethod("checkout", dev.strangler.legacy.orders.CheckoutRequest.class)
                .isAnnotationPresent(org.springframework.transaction.annotation.Transactional.class)).isTrue();
        assertThat(PaymentTables.SHOP.get(Orders.class).getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getName().equals("dev.strangler.legacy.payments.PaymentProcessing"));
        assertThat(source(Orders.class)).contains("TANGLE(step-2)");
    }

    @Test
    void step3OrderCancellationWritesThePaymentsTable() throws IOException {
        assertThat(PaymentTables.touchedBy(SharedTableOrderPayments.class)).isTrue();
        assertThat(source(SharedTableOrderPayments.class)).contains("TANGLE(step-3)");
    }

    @Test
    void step4SalesReportJoinsPaymentsWithOrdersAndCustomers() throws IOException {
        assertThat(PaymentTables.touchedBy(JooqSalesReport.class)).isTrue();
        assertThat(source(JooqSalesReport.class)).contains("TANGLE(step-4)", "CUSTOMERS", "ORDERS");
    }

    @Test
    void step5SupportUpdatesPaymentStatusDirectly() throws IOException {
        assertThat(PaymentTables.touchedBy(JooqSupport.class)).isTrue();
        assertThat(source(JooqSupport.class)).contains("TANGLE(step-5)");
    }

    @Test
    void step6CustomersReadTheRawCardNumber() throws IOException {
        assertThat(PaymentTables.touchedBy(SharedTableCustomerCards.class)).isTrue();
        assertThat(source(SharedTableCustomerCards.class)).contains("TANGLE(step-6)", "CARD_NUMBER");
    }

    @Test
    void step7SeederWritesPaymentRowsWithPans() throws IOException {
        assertThat(PaymentTables.touchedBy(ShopSeeder.class)).isTrue();
        assertThat(source(ShopSeeder.class)).contains("TANGLE(step-7)");
    }

    @Test
    void step8PaymentsReadAndWriteTheOrdersTable() throws IOException {
        Path payableOrders = Path.of("src/main/java/dev/strangler/legacy/payments/internal/JooqPayableOrders.java");
        assertThat(PaymentTables.SHOP.get("dev.strangler.legacy.payments.internal.JooqPayableOrders")
                .getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getName().equals("dev.strangler.legacy.db.tables.Orders"));
        assertThat(Files.readString(payableOrders)).contains("TANGLE(step-8)");
    }

    /**
     * Each tangle has an untangled twin that the decommissioned monolith keeps: it reaches payments only through
     * the payments feature's API, never through a payment table.
     */
    @Test
    void theUntangledImplementationsTouchNoPaymentTable() {
        assertThat(PaymentTables.SHOP.stream().filter(c -> c.getSimpleName().startsWith("PaymentApi")))
                .extracting(c -> c.getSimpleName())
                .containsExactlyInAnyOrder("PaymentApiOrderPayments", "PaymentApiCustomerCards",
                        "PaymentApiSalesReport", "PaymentApiOverrides");
        assertThat(PaymentTables.SHOP.stream().filter(c -> c.getSimpleName().startsWith("PaymentApi")))
                .allSatisfy(c -> assertThat(PaymentTables.uses(c)).as(c.getName()).isEmpty());
    }
}
