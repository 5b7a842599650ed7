package dev.strangler.legacy.orders;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as {@code GET /api/orders/{id}} shows it, with its lines and a summary of its payment.
 *
 * @param payment null while the order awaits payment
 */
public record OrderView(
        long id,
        long customerId,
        String status,
        String total,
        String currency,
        String createdAt,
        List<Line> lines,
        @Nullable PaymentSummary payment) {

    /** One order line. */
    public record Line(long productId, String productName, int quantity, String unitPrice, String lineTotal) {
    }

    public OrderView withPayment(@Nullable PaymentSummary newPayment) {
        return new OrderView(id, customerId, status, total, currency, createdAt, lines, newPayment);
    }

    /** The order's payment as the order page shows it (read straight from the payments table). */
    public record PaymentSummary(long id, String status, String amount, String capturedAmount,
            String refundedAmount, String cardLast4) {
    }
}
