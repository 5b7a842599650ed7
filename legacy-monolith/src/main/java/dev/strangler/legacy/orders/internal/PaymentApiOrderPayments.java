package dev.strangler.legacy.orders.internal;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.orders.OrderView;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The order's payment through the payments feature's API: the untangled way, and the only one in the decommissioned
 * monolith, where that API is the payment service. A cancellation voids through it, so the gateway releases the
 * authorization too.
 */
@Component
class PaymentApiOrderPayments implements OrderPayments {

    private static final Set<PaymentStatus> HOLDS_CAPTURED_MONEY = EnumSet.of(PaymentStatus.CAPTURED,
            PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED);

    private final PaymentProcessing payments;

    PaymentApiOrderPayments(PaymentProcessing payments) {
        this.payments = payments;
    }

    @Override
    public OrderView.@Nullable PaymentSummary latest(long orderId) {
        List<Payment> all = payments.paymentsOfOrders(List.of(orderId));
        return all.isEmpty() ? null : summary(all.getFirst());
    }

    @Override
    public boolean voidAuthorized(long orderId, Instant now) {
        List<Payment> all = payments.paymentsOfOrders(List.of(orderId));
        if (all.stream().anyMatch(p -> HOLDS_CAPTURED_MONEY.contains(p.status()))) {
            return false;
        }
        all.stream().filter(p -> p.status() == PaymentStatus.AUTHORIZED).forEach(p -> payments.voidPayment(p.id()));
        return true;
    }

    static OrderView.PaymentSummary summary(Payment p) {
        return new OrderView.PaymentSummary(p.id(), p.status().name(), Money.format(p.amount()),
                Money.format(p.capturedAmount()), Money.format(p.refundedAmount()), p.cardLast4());
    }
}
