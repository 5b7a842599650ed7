package dev.strangler.legacy.reports;

import java.util.List;
import java.util.Map;

/**
 * Sales between two days (inclusive, UTC), counted from the payments of the orders placed in that range.
 *
 * @param orders          orders placed in the range
 * @param payments        payments of those orders
 * @param authorized      sum of authorized amounts
 * @param captured        sum of captured amounts
 * @param refunded        sum of refunded amounts
 * @param net             captured minus refunded
 * @param paymentsByStatus number of payments per API status word
 * @param topCustomers    the five customers with the most net revenue
 */
public record SalesReport(
        String from,
        String to,
        String currency,
        long orders,
        long payments,
        String authorized,
        String captured,
        String refunded,
        String net,
        Map<String, Long> paymentsByStatus,
        List<CustomerSales> topCustomers) {

    /** One customer's share. */
    public record CustomerSales(long customerId, String name, long orders, String net) {
    }
}
