package dev.strangler.legacy.reports.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.ORDERS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import dev.strangler.legacy.reports.SalesReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The sales report with the payments from the payments feature's API (the payment service, in the decommissioned
 * monolith): the orders of the range and their customers from this database, their payments in batches from the
 * API, the sums here. Slower than one SQL statement, and the price of the payment tables leaving the monolith.
 */
@Component
class PaymentApiSalesReport implements SalesReports {

    private final DSLContext db;
    private final PaymentProcessing payments;

    PaymentApiSalesReport(DSLContext db, PaymentProcessing payments) {
        this.db = db;
        this.payments = payments;
    }

    /** One customer's running totals. */
    private static final class CustomerTotals {
        final Set<Long> orders = new HashSet<>();
        BigDecimal net = BigDecimal.ZERO;
    }

    @Override
    public SalesReport between(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Map<Long, Long> customerOfOrder = db.select(ORDERS.ID, ORDERS.CUSTOMER_ID).from(ORDERS)
                .where(ORDERS.CREATED_AT.ge(start).and(ORDERS.CREATED_AT.lt(end)))
                .fetchMap(ORDERS.ID, ORDERS.CUSTOMER_ID);
        List<Payment> all = customerOfOrder.isEmpty() ? List.of() : payments.paymentsOfOrders(customerOfOrder.keySet());

        BigDecimal authorized = BigDecimal.ZERO;
        BigDecimal captured = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        // the SQL version groups by the stored status code: keep its order
        Map<String, Long> byCode = new TreeMap<>();
        Map<Long, CustomerTotals> customers = new HashMap<>();
        for (Payment p : all) {
            if (p.status() != PaymentStatus.DECLINED && p.status() != PaymentStatus.VOIDED) {
                authorized = authorized.add(p.amount());
            }
            captured = captured.add(p.capturedAmount());
            refunded = refunded.add(p.refundedAmount());
            byCode.merge(p.status().code(), 1L, Long::sum);
            CustomerTotals c = customers.computeIfAbsent(customerOfOrder.get(p.orderId()), k -> new CustomerTotals());
            c.orders.add(p.orderId());
            c.net = c.net.add(p.capturedAmount().subtract(p.refundedAmount()));
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byCode.forEach((code, n) -> byStatus.put(PaymentStatus.fromCode(code).name(), n));

        List<Map.Entry<Long, CustomerTotals>> top = customers.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Long, CustomerTotals> e) -> e.getValue().net).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(5)
                .toList();
        Map<Long, String> names = top.isEmpty() ? Map.of() : db.select(CUSTOMERS.ID, CUSTOMERS.NAME).from(CUSTOMERS)
                .where(CUSTOMERS.ID.in(top.stream().map(Map.Entry::getKey).toList()))
                .fetchMap(CUSTOMERS.ID, CUSTOMERS.NAME);
        List<SalesReport.CustomerSales> topCustomers = top.stream()
                .map(e -> new SalesReport.CustomerSales(e.getKey(), names.get(e.getKey()), e.getValue().orders.size(),
                        Money.format(e.getValue().net)))
                .toList();
        return new SalesReport(from.toString(), to.toString(), Money.CURRENCY, customerOfOrder.size(), all.size(),
                Money.format(authorized), Money.format(captured), Money.format(refunded),
                Money.format(captured.subtract(refunded)), byStatus, topCustomers);
    }
}
