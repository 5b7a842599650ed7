package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentProcessing.PaymentState;
import dev.strangler.legacy.payments.StatedAmount;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments done inside the monolith, on the shared schema. Gateway calls run inside the database transaction, so a
 * decline or a gateway failure leaves no row behind (and holds a connection while the gateway thinks: legacy).
 */
@Service
class InProcessPaymentProcessing implements PaymentProcessing {

    private static final Logger log = LoggerFactory.getLogger(InProcessPaymentProcessing.class);

    private final JooqPayments payments;
    private final JooqPayableOrders orders;
    private final PspClient psp;
    private final Clock clock;

    InProcessPaymentProcessing(JooqPayments payments, JooqPayableOrders orders, PspClient psp, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.psp = psp;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Payment authorize(long orderId, CardNumber card, @Nullable StatedAmount stated) {
        JooqPayableOrders.PayableOrder order = orders.lockOrder(orderId).orElseThrow(JooqPayableOrders::unknownOrder);
        if ("CANC".equals(order.status())) {
            throw ShopProblem.conflict("order-not-payable", "The order is cancelled and cannot be paid.");
        }
        if ("PAID".equals(order.status()) || payments.hasLivePayment(orderId)) {
            throw ShopProblem.conflict("order-already-paid", "The order is already paid.");
        }
        StatedAmount.requireTotal(stated, order.total(), order.currency());
        String pspReference = psp.authorize(orderId, order.total(), order.currency(), card);
        Instant now = now();
        Payment payment = payments.insertAuthorized(orderId, order.total(), order.currency(), card, pspReference, now);
        payments.recordEvent(payment.id(), "AUTHORIZED", payment.amount(), now);
        orders.markOrderPaid(orderId, now);
        log.debug("Payment {} stored for order {}", payment.id(), orderId);
        return payment;
    }

    @Override
    @Transactional(readOnly = true)
    public Payment get(long paymentId) {
        return payments.find(paymentId).orElseThrow(() -> ShopProblem.notFound("payment"));
    }

    @Override
    @Transactional
    public Payment capture(long paymentId, @Nullable BigDecimal amount) {
        Payment payment = payments.lock(paymentId).orElseThrow(() -> ShopProblem.notFound("payment"));
        BigDecimal capture = payment.captureAmount(amount);
        psp.capture(reference(payment), capture);
        Payment captured = payment.captured(capture, now());
        payments.update(captured);
        payments.recordEvent(paymentId, "CAPTURED", capture, captured.updatedAt());
        return captured;
    }

    @Override
    @Transactional
    public Payment refund(long paymentId, BigDecimal amount) {
        Payment payment = payments.lock(paymentId).orElseThrow(() -> ShopProblem.notFound("payment"));
        BigDecimal refund = payment.refundAmount(amount);
        psp.refund(reference(payment), refund);
        Payment refunded = payment.refunded(refund, now());
        payments.update(refunded);
        payments.recordEvent(paymentId, "REFUNDED", refund, refunded.updatedAt());
        return refunded;
    }

    @Override
    @Transactional
    public Payment voidPayment(long paymentId) {
        Payment payment = payments.lock(paymentId).orElseThrow(() -> ShopProblem.notFound("payment"));
        Payment voided = payment.voided(now());
        psp.voidAuthorization(reference(payment));
        payments.update(voided);
        payments.recordEvent(paymentId, "VOIDED", null, voided.updatedAt());
        return voided;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Payment> paymentsOfOrders(java.util.Collection<Long> orderIds) {
        return payments.ofOrders(orderIds);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PaymentState> paymentsOf(long orderId) {
        return payments.ofOrder(orderId);
    }

    private static String reference(Payment payment) {
        if (payment.pspReference() == null) {
            throw ShopProblem.conflict("no-gateway-reference", "The payment has no gateway reference to act on.");
        }
        return payment.pspReference();
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: truncate so that what we return equals what a later read returns
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
