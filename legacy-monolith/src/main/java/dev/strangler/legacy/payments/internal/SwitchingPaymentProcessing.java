package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentsMode;
import dev.strangler.legacy.payments.StatedAmount;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Service;

/** The seam itself: every call goes to the implementation {@link PaymentsMode} names at that moment. */
@Service
@Primary
class SwitchingPaymentProcessing implements PaymentProcessing {

    private final PaymentsMode mode;
    private final InProcessPaymentProcessing inProcess;
    private final RemotePaymentProcessing remote;

    SwitchingPaymentProcessing(PaymentsMode mode, InProcessPaymentProcessing inProcess, RemotePaymentProcessing remote) {
        this.mode = mode;
        this.inProcess = inProcess;
        this.remote = remote;
    }

    private PaymentProcessing current() {
        return mode.remote() ? remote : inProcess;
    }

    @Override
    public Payment authorize(long orderId, CardNumber card, @Nullable StatedAmount stated) {
        return current().authorize(orderId, card, stated);
    }

    /** Only a checkout saga passes a key, and a saga runs only once the checkout went remote: it stays remote. */
    @Override
    public Payment authorize(long orderId, CardNumber card, String idempotencyKey) {
        return remote.authorize(orderId, card, idempotencyKey);
    }

    @Override
    public List<PaymentState> paymentsOf(long orderId) {
        return current().paymentsOf(orderId);
    }

    @Override
    public Payment get(long paymentId) {
        return current().get(paymentId);
    }

    @Override
    public Payment capture(long paymentId, @Nullable BigDecimal amount) {
        return current().capture(paymentId, amount);
    }

    @Override
    public Payment refund(long paymentId, BigDecimal amount) {
        return current().refund(paymentId, amount);
    }

    @Override
    public Payment voidPayment(long paymentId) {
        return current().voidPayment(paymentId);
    }

    @Override
    public List<Payment> paymentsOfOrders(java.util.Collection<Long> orderIds) {
        return current().paymentsOfOrders(orderIds);
    }
}
