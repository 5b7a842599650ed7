package dev.strangler.legacy.orders;

/**
 * An order without its lines and payment, as {@code GET /api/orders?customerId=} lists it: enough for another
 * service (the extracted customer service) to find a customer's orders and ask the payment side about them, without
 * this shop having to read a payment for each one.
 */
public record OrderSummary(long id, long customerId, String status, String total, String currency,
        String createdAt) {
}
