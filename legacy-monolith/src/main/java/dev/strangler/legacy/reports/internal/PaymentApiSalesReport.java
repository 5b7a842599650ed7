package dev.strangler.legacy.reports.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.ORDERS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import dev.strangler.legacy.reports.SalesReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sales report with the payments from the payments feature's API (the payment service, in the decommissioned
 * monolith): the orders of the range and their customers from this database, their payments in batches from the
 * API, the sums here. Far dearer than one SQL statement (a report over all of the shop's orders fetches every
 * payment), so a report is computed once per range and served for {@code shop.reports.max-age} (30 s): a sales
 * report that is half a minute old is the price of the payment tables leaving the monolith, and keeps a busy back
 * office from loading the payment service.
 */
@Component
class PaymentApiSalesReport implements SalesReports {

    private static final Logger log = LoggerFactory.getLogger(PaymentApiSalesReport.class);

    /** Distinct ranges kept; more are dropped (a report is recomputed when asked again). */
    private static final int MAX_RANGES = 64;

    private final DSLContext db;
    private final PaymentProcessing payments;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<List<LocalDate>, Computed> computed = new ConcurrentHashMap<>();
    private final Map<List<LocalDate>, Object> computing = new ConcurrentHashMap<>();

    private record Computed(SalesReport report, Instant at) {
    }

    PaymentApiSalesReport(DSLContext db, PaymentProcessing payments, Clock clock,
            @Value("${shop.reports.max-age:30s}") Duration maxAge) {
        this.db = db;
        this.payments = payments;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** One customer's running totals. */
    private static final class CustomerTotals {
        final Set<Long> orders = new HashSet<>();
        BigDecimal net = BigDecimal.ZERO;
    }

    @Override
    public SalesReport between(LocalDate from, LocalDate to) {
        List<LocalDate> range = List.of(from, to);
        Computed fresh = fresh(range);
        if (fresh != null) {
            return fresh.report();
        }
        // one computation per range at a time: concurrent askers wait for it rather than repeat it
        synchronized (computing.computeIfAbsent(range, k -> new Object())) {
            fresh = fresh(range);
            if (fresh == null) {
                if (computed.size() >= MAX_RANGES) {
                    computed.clear();
                    computing.clear(); // at worst one range is computed twice at once
                }
                Computed stale = computed.get(range);
                try {
                    fresh = new Computed(compute(from, to), clock.instant());
                } catch (ShopProblem problem) {
                    if (stale == null || !problem.getStatusCode().is5xxServerError()) {
                        throw problem; // nothing older to show: the payment service's own problem, fast
                    }
                    // the payment service is down: the report computed last is still the best answer there is
                    log.warn("Sales report {}..{} served as computed at {}: {}", from, to, stale.at(), problem.slug());
                    return stale.report();
                }
                computed.put(range, fresh);
            }
            return fresh.report();
        }
    }

    private @Nullable Computed fresh(List<LocalDate> range) {
        Computed c = computed.get(range);
        return c != null && c.at().plus(maxAge).isAfter(clock.instant()) ? c : null;
    }

    private SalesReport compute(LocalDate from, LocalDate to) {
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
