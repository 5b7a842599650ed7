package dev.strangler.legacy.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An order as {@code GET /api/orders/{id}} shows it, with its lines and a summary of its payment.
 *
 * @param payment            null while the order awaits payment, or while it cannot be known
 * @param paymentUnavailable why the payment cannot be shown (the payment service cannot be reached); absent otherwise
 */
public record OrderView(
        long id,
        long customerId,
        String status,
        String total,
        String currency,
        String createdAt,
        List<Line> lines,
        @Nullable PaymentSummary payment,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String paymentUnavailable) {

    /** What an order shows of its payment while the payment service cannot be asked. */
    public static final String PAYMENT_UNAVAILABLE = "Payment status unavailable: the payment service cannot be"
            + " reached right now.";

    public OrderView(long id, long customerId, String status, String total, String currency, String createdAt,
            List<Line> lines, @Nullable PaymentSummary payment) {
        this(id, customerId, status, total, currency, createdAt, lines, payment, null);
    }

    /** One order line. */
    public record Line(long productId, String productName, int quantity, String unitPrice, String lineTotal) {
    }

    public OrderView withPayment(@Nullable PaymentSummary newPayment) {
        return new OrderView(id, customerId, status, total, currency, createdAt, lines, newPayment, null);
    }

    /** The order without its payment, saying why: the rest of the order is still worth showing. */
    public OrderView withPaymentUnavailable() {
        return new OrderView(id, customerId, status, total, currency, createdAt, lines, null, PAYMENT_UNAVAILABLE);
    }

    /** The order's payment as the order page shows it (read straight from the payments table). */
    public record PaymentSummary(long id, String status, String amount, String capturedAmount,
            String refundedAmount, String cardLast4) {
    }
}
