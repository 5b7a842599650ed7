package dev.strangler.legacy.orders.internal;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.legacy.payments.PaymentProcessing.PaymentState;
import java.util.OptionalLong;

/**
 * Which order a payment event pays, if any: the rule the shop's own payment code applied inside its transaction
 * (an order is PAID once a payment holds its money), now applied to the payment service's events. Refunds and voids
 * leave the order as it is, as the shop's code did: a refund keeps an order paid, and a void follows a cancellation
 * the shop made itself. Pure, so that it is tested without a broker.
 */
final class PaidByPayment {

    private PaidByPayment() {
    }

    /** The order to mark PAID for this change, or empty when the change pays nothing. */
    static OptionalLong orderPaidBy(PaymentChange change) {
        if (change.getOp() != ChangeOp.UPSERT || change.getOrderId() == null || change.getStatus() == null) {
            return OptionalLong.empty();
        }
        boolean holdsMoney = new PaymentState(change.getPaymentId(), change.getStatus()).holdsMoney();
        return holdsMoney ? OptionalLong.of(change.getOrderId()) : OptionalLong.empty();
    }
}
