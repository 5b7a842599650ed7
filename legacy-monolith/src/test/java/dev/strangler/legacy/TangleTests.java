package dev.strangler.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.legacy.customers.internal.JooqCustomers;
import dev.strangler.legacy.orders.Orders;
import dev.strangler.legacy.orders.internal.JooqOrders;
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
        assertThat(PaymentTables.touchedBy(JooqOrders.class)).isTrue();
        assertThat(source(JooqOrders.class)).contains("TANGLE(step-1)");
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
        assertThat(PaymentTables.touchedBy(JooqOrders.class)).isTrue();
        assertThat(source(JooqOrders.class)).contains("TANGLE(step-3)");
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
        assertThat(PaymentTables.touchedBy(JooqCustomers.class)).isTrue();
        assertThat(source(JooqCustomers.class)).contains("TANGLE(step-6)", "CARD_NUMBER");
    }

    @Test
    void step7SeederWritesPaymentRowsWithPans() throws IOException {
        assertThat(PaymentTables.touchedBy(ShopSeeder.class)).isTrue();
        assertThat(source(ShopSeeder.class)).contains("TANGLE(step-7)");
    }

    @Test
    void step8PaymentsReadAndWriteTheOrdersTable() throws IOException {
        Path jooqPayments = Path.of("src/main/java/dev/strangler/legacy/payments/internal/JooqPayments.java");
        assertThat(PaymentTables.SHOP.get("dev.strangler.legacy.payments.internal.JooqPayments")
                .getDirectDependenciesFromSelf())
                .anyMatch(d -> d.getTargetClass().getName().equals("dev.strangler.legacy.db.tables.Orders"));
        assertThat(Files.readString(jooqPayments)).contains("TANGLE(step-8)");
    }
}
