package dev.strangler.legacy.reports.internal;

import dev.strangler.legacy.reports.SalesReport;
import java.time.LocalDate;

/**
 * The sales report. {@link JooqSalesReport} computes it in SQL over the shared schema, payment tables included (the
 * tangle, primary while it exists); {@link PaymentApiSalesReport} takes the payments from the payments feature's
 * API. The decommissioned monolith keeps only the second. Both give the same report for the same data.
 */
public interface SalesReports {

    /** Sales of the orders placed from {@code from} to {@code to}, both days included (UTC). */
    SalesReport between(LocalDate from, LocalDate to);
}
