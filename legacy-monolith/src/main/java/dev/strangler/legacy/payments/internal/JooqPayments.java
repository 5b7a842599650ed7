package dev.strangler.legacy.payments.internal;

import static dev.strangler.legacy.db.Tables.PAYMENTS;
import static dev.strangler.legacy.db.Tables.PAYMENT_EVENTS;

import dev.strangler.legacy.db.tables.records.PaymentsRecord;
import dev.strangler.legacy.payments.CardNumber;
import dev.strangler.legacy.payments.Payment;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The {@code payments} and {@code payment_events} tables: the in-process implementation's. The decommissioned
 * monolith has no such class (see legacy-monolith-decommissioned).
 */
@Repository
class JooqPayments implements LegacyPaymentRows {

    private final DSLContext db;

    JooqPayments(DSLContext db) {
        this.db = db;
    }

    Optional<Payment> find(long id) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(id)).fetchOptional().map(JooqPayments::toPayment);
    }

    /** The payment, locked until the transaction ends, so that two captures cannot both pass the checks. */
    Optional<Payment> lock(long id) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(id)).forUpdate().fetchOptional()
                .map(JooqPayments::toPayment);
    }

    /** The order's payments, newest first. */
    @Override
    public List<PaymentProcessing.PaymentState> ofOrder(long orderId) {
        return db.select(PAYMENTS.ID, PAYMENTS.STATUS).from(PAYMENTS).where(PAYMENTS.ORDER_ID.eq(orderId))
                .orderBy(PAYMENTS.ID.desc())
                .fetch(r -> new PaymentProcessing.PaymentState(r.value1(), PaymentStatus.fromCode(r.value2()).name()));
    }

    /** The payments of these orders, newest first. */
    List<Payment> ofOrders(java.util.Collection<Long> orderIds) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ORDER_ID.in(orderIds)).orderBy(PAYMENTS.ID.desc())
                .fetch(JooqPayments::toPayment);
    }

    /** True when the order has a payment that still counts (not declined, not voided). */
    @Override
    public boolean hasLivePayment(long orderId) {
        return db.fetchExists(PAYMENTS, PAYMENTS.ORDER_ID.eq(orderId)
                .and(PAYMENTS.STATUS.notIn(PaymentStatus.DECLINED.code(), PaymentStatus.VOIDED.code())));
    }

    Payment insertAuthorized(long orderId, BigDecimal amount, String currency, CardNumber card, String pspReference,
            Instant now) {
        PaymentsRecord row = db.insertInto(PAYMENTS)
                .set(PAYMENTS.ORDER_ID, orderId)
                .set(PAYMENTS.AMOUNT, amount)
                .set(PAYMENTS.CURRENCY, currency)
                .set(PAYMENTS.STATUS, PaymentStatus.AUTHORIZED.code())
                .set(PAYMENTS.CAPTURED_AMOUNT, BigDecimal.ZERO.setScale(2))
                .set(PAYMENTS.REFUNDED_AMOUNT, BigDecimal.ZERO.setScale(2))
                .set(PAYMENTS.PSP_REFERENCE, pspReference)
                .set(PAYMENTS.CARD_NUMBER, card.digits())
                .set(PAYMENTS.CREATED_AT, JooqPayableOrders.utc(now))
                .set(PAYMENTS.UPDATED_AT, JooqPayableOrders.utc(now))
                .returning()
                .fetchSingle();
        return toPayment(row);
    }

    void update(Payment payment) {
        db.update(PAYMENTS)
                .set(PAYMENTS.STATUS, payment.status().code())
                .set(PAYMENTS.CAPTURED_AMOUNT, payment.capturedAmount())
                .set(PAYMENTS.REFUNDED_AMOUNT, payment.refundedAmount())
                .set(PAYMENTS.UPDATED_AT, JooqPayableOrders.utc(payment.updatedAt()))
                .where(PAYMENTS.ID.eq(payment.id()))
                .execute();
    }

    void recordEvent(long paymentId, String type, @Nullable BigDecimal amount, Instant now) {
        db.insertInto(PAYMENT_EVENTS)
                .set(PAYMENT_EVENTS.PAYMENT_ID, paymentId)
                .set(PAYMENT_EVENTS.EVENT_TYPE, type)
                .set(PAYMENT_EVENTS.AMOUNT, amount)
                .set(PAYMENT_EVENTS.CREATED_AT, JooqPayableOrders.utc(now))
                .execute();
    }

    private static Payment toPayment(Record r) {
        String pan = r.get(PAYMENTS.CARD_NUMBER);
        return new Payment(
                r.get(PAYMENTS.ID),
                r.get(PAYMENTS.ORDER_ID),
                PaymentStatus.fromCode(r.get(PAYMENTS.STATUS)),
                r.get(PAYMENTS.AMOUNT),
                r.get(PAYMENTS.CURRENCY),
                pan.substring(pan.length() - 4),
                r.get(PAYMENTS.CAPTURED_AMOUNT),
                r.get(PAYMENTS.REFUNDED_AMOUNT),
                r.get(PAYMENTS.PSP_REFERENCE),
                r.get(PAYMENTS.CREATED_AT).toInstant(),
                r.get(PAYMENTS.UPDATED_AT).toInstant());
    }
}
