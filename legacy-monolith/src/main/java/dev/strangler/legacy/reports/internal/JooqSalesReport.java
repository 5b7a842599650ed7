package dev.strangler.legacy.reports.internal;

import static dev.strangler.legacy.db.Tables.CUSTOMERS;
import static dev.strangler.legacy.db.Tables.ORDERS;
import static dev.strangler.legacy.db.Tables.PAYMENTS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.reports.SalesReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Repository;

/** The sales report as one set of SQL queries over the shared schema, payment tables included. */
@Repository
@Primary
public class JooqSalesReport implements SalesReports {

    private final DSLContext db;

    JooqSalesReport(DSLContext db) {
        this.db = db;
    }

    // TANGLE(step-4): the report joins payments with orders and customers in SQL and decodes the legacy status
    // codes itself. After the extraction the payments live in another database: this report needs the data
    // copied back (CDC new -> old) or a new source.
    @Override
    public SalesReport between(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Condition inRange = ORDERS.CREATED_AT.ge(start).and(ORDERS.CREATED_AT.lt(end));
        Field<BigDecimal> net = PAYMENTS.CAPTURED_AMOUNT.minus(PAYMENTS.REFUNDED_AMOUNT);

        long orders = db.fetchCount(ORDERS, inRange);
        var totals = db.select(DSL.count(PAYMENTS.ID),
                        DSL.coalesce(DSL.sum(DSL.when(PAYMENTS.STATUS.notIn("DECL", "VOID"), PAYMENTS.AMOUNT)), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(PAYMENTS.CAPTURED_AMOUNT), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(PAYMENTS.REFUNDED_AMOUNT), BigDecimal.ZERO))
                .from(PAYMENTS).join(ORDERS).on(ORDERS.ID.eq(PAYMENTS.ORDER_ID))
                .where(inRange)
                .fetchSingle();

        Map<String, Long> byStatus = new LinkedHashMap<>();
        db.select(PAYMENTS.STATUS, DSL.count())
                .from(PAYMENTS).join(ORDERS).on(ORDERS.ID.eq(PAYMENTS.ORDER_ID))
                .where(inRange)
                .groupBy(PAYMENTS.STATUS)
                .orderBy(PAYMENTS.STATUS)
                .forEach(r -> byStatus.put(statusWord(r.value1()), r.value2().longValue()));

        Field<BigDecimal> customerNet = DSL.sum(net).as("net");
        List<SalesReport.CustomerSales> top = db.select(CUSTOMERS.ID, CUSTOMERS.NAME,
                        DSL.countDistinct(ORDERS.ID), customerNet)
                .from(PAYMENTS)
                .join(ORDERS).on(ORDERS.ID.eq(PAYMENTS.ORDER_ID))
                .join(CUSTOMERS).on(CUSTOMERS.ID.eq(ORDERS.CUSTOMER_ID))
                .where(inRange)
                .groupBy(CUSTOMERS.ID, CUSTOMERS.NAME)
                .orderBy(customerNet.desc(), CUSTOMERS.ID)
                .limit(5)
                .fetch(r -> new SalesReport.CustomerSales(r.value1(), r.value2(), r.value3(),
                        Money.format(r.value4())));

        BigDecimal captured = totals.value3();
        BigDecimal refunded = totals.value4();
        return new SalesReport(from.toString(), to.toString(), Money.CURRENCY, orders, totals.value1(),
                Money.format(totals.value2()), Money.format(captured), Money.format(refunded),
                Money.format(captured.subtract(refunded)), byStatus, top);
    }

    private static String statusWord(String code) {
        return switch (code) {
            case "AUTH" -> "AUTHORIZED";
            case "CAPT" -> "CAPTURED";
            case "PRFD" -> "PARTIALLY_REFUNDED";
            case "RFND" -> "REFUNDED";
            case "DECL" -> "DECLINED";
            case "VOID" -> "VOIDED";
            default -> code;
        };
    }
}
