package dev.strangler.payments.payment;

import dev.strangler.payments.payment.domain.Money;
import dev.strangler.payments.payment.domain.Payment;
import dev.strangler.payments.vault.CardToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The payments table as a collection of {@link Payment}s. */
public interface Payments {

    Optional<Payment> find(long id);

    /** The order's payments, newest first. */
    List<Payment> findByOrder(long orderId);

    /** The payments of all these orders, newest first. */
    List<Payment> findByOrders(java.util.Collection<Long> orderIds);

    boolean hasLivePayment(long orderId);

    /** Stores a PENDING payment; empty when the order already has a live one (lost a race). */
    Optional<Payment> insertPending(long orderId, Money amount, CardToken card, Instant now);

    /** Stores {@code next} if nobody changed the row since it was read (its version minus one); false otherwise. */
    boolean update(Payment next);

    List<Payment> pendingSince(Instant updatedBefore, int limit);

    /** Counts a reconciliation attempt that learned nothing; returns the attempts so far. */
    int recordAttempt(long id, Instant now);
}
