package dev.strangler.legacy.orders;

import dev.strangler.legacy.orders.internal.JooqOrders;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentProcessing.PaymentState;
import dev.strangler.legacy.payments.PaymentsProperties;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles checkout sagas whose payment answer was lost (the payment service timed out or died mid-call, or the
 * shop died between the steps). It asks the payment service what it recorded for the order: a payment holding
 * money confirms the order; a pending one is left for the next round (the service's reconciler settles it first);
 * nothing, or only declined/failed payments, compensates. A saga is looked at only after {@code saga-grace}, so
 * that recovery never races a checkout still waiting for its answer. While the service is down, nothing is
 * decided: the orders wait.
 */
@Component
@EnableScheduling
class CheckoutRecovery {

    private static final Logger log = LoggerFactory.getLogger(CheckoutRecovery.class);

    private final JooqOrders orders;
    private final Orders checkout;
    private final PaymentProcessing payments;
    private final PaymentsProperties properties;
    private final Clock clock;

    CheckoutRecovery(JooqOrders orders, Orders checkout, PaymentProcessing payments, PaymentsProperties properties,
            Clock clock) {
        this.orders = orders;
        this.checkout = checkout;
        this.payments = payments;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${shop.payments.saga-recovery-every:2s}")
    void recover() {
        for (JooqOrders.Saga saga : orders.unsettledSagas(clock.instant().minus(properties.sagaGrace()), 100)) {
            List<PaymentState> states;
            try {
                states = payments.paymentsOf(saga.orderId());
            } catch (RuntimeException e) {
                log.info("Payment service not answering; order {} keeps waiting", saga.orderId());
                return;
            }
            if (states.stream().anyMatch(PaymentState::holdsMoney)) {
                checkout.confirm(saga.orderId());
                log.info("Recovered order {}: paid", saga.orderId());
            } else if (states.stream().noneMatch(PaymentState::pending)) {
                checkout.compensate(saga.orderId());
                log.info("Recovered order {}: no payment, cancelled", saga.orderId());
            }
        }
    }
}
