package dev.strangler.payments.payment.internal;

import static dev.strangler.payments.db.Tables.PAYMENTS;

import dev.strangler.payments.db.tables.records.PaymentsRecord;
import dev.strangler.payments.payment.Payments;
import dev.strangler.payments.payment.domain.Money;
import dev.strangler.payments.payment.domain.Payment;
import dev.strangler.payments.payment.domain.PaymentStatus;
import dev.strangler.payments.vault.CardToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

/** {@link Payments} on the service's own {@code payments} table. */
@Repository
class JooqPayments implements Payments {

    private static final List<String> LIVE = PaymentStatus.LIVE.stream().map(Enum::name).toList();

    private final DSLContext db;

    JooqPayments(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<Payment> find(long id) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ID.eq(id)).fetchOptional(JooqPayments::toPayment);
    }

    @Override
    public List<Payment> findByOrder(long orderId) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ORDER_ID.eq(orderId)).orderBy(PAYMENTS.ID.desc())
                .fetch(JooqPayments::toPayment);
    }

    @Override
    public List<Payment> findByOrders(java.util.Collection<Long> orderIds) {
        return db.selectFrom(PAYMENTS).where(PAYMENTS.ORDER_ID.in(orderIds)).orderBy(PAYMENTS.ID.desc())
                .fetch(JooqPayments::toPayment);
    }

    @Override
    public boolean hasLivePayment(long orderId) {
        return db.fetchExists(PAYMENTS, PAYMENTS.ORDER_ID.eq(orderId).and(PAYMENTS.STATUS.in(LIVE)));
    }

    @Override
    public Optional<Payment> insertPending(long orderId, Money amount, CardToken card, Instant now) {
        try {
            PaymentsRecord row = db.insertInto(PAYMENTS)
                    .set(PAYMENTS.ORDER_ID, orderId)
                    .set(PAYMENTS.STATUS, PaymentStatus.PENDING.name())
                    .set(PAYMENTS.CURRENCY, amount.currency())
                    .set(PAYMENTS.AMOUNT_MINOR, amount.minor())
                    .set(PAYMENTS.CAPTURED_MINOR, 0L)
                    .set(PAYMENTS.REFUNDED_MINOR, 0L)
                    .set(PAYMENTS.CARD_TOKEN, card.token())
                    .set(PAYMENTS.CARD_LAST4, card.last4())
                    .set(PAYMENTS.CARD_BRAND, card.brand())
                    .set(PAYMENTS.VERSION, 0)
                    .set(PAYMENTS.CREATED_AT, utc(now))
                    .set(PAYMENTS.UPDATED_AT, utc(now))
                    .returning()
                    .fetchSingle();
            return Optional.of(toPayment(row));
        } catch (DuplicateKeyException e) {
            // payments_one_live_per_order: another authorization for this order won the race
            return Optional.empty();
        }
    }

    @Override
    public boolean update(Payment next) {
        return db.update(PAYMENTS)
                .set(PAYMENTS.STATUS, next.status().name())
                .set(PAYMENTS.CAPTURED_MINOR, next.captured().minor())
                .set(PAYMENTS.REFUNDED_MINOR, next.refunded().minor())
                .set(PAYMENTS.PSP_REFERENCE, next.pspReference())
                .set(PAYMENTS.VERSION, next.version())
                .set(PAYMENTS.UPDATED_AT, utc(next.updatedAt()))
                .where(PAYMENTS.ID.eq(next.id()).and(PAYMENTS.VERSION.eq(next.version() - 1)))
                .execute() == 1;
    }

    @Override
    public List<Payment> pendingSince(Instant updatedBefore, int limit) {
        return db.selectFrom(PAYMENTS)
                .where(PAYMENTS.STATUS.eq(PaymentStatus.PENDING.name()).and(PAYMENTS.UPDATED_AT.lt(utc(updatedBefore))))
                .orderBy(PAYMENTS.UPDATED_AT)
                .limit(limit)
                .fetch(JooqPayments::toPayment);
    }

    @Override
    public int recordAttempt(long id, Instant now) {
        return db.update(PAYMENTS)
                .set(PAYMENTS.PSP_ATTEMPTS, PAYMENTS.PSP_ATTEMPTS.plus(1))
                .set(PAYMENTS.UPDATED_AT, utc(now))
                .where(PAYMENTS.ID.eq(id))
                .returning(PAYMENTS.PSP_ATTEMPTS)
                .fetchOptional(PAYMENTS.PSP_ATTEMPTS)
                .orElse(0);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Payment toPayment(PaymentsRecord r) {
        String currency = r.getCurrency();
        return new Payment(r.getId(), r.getOrderId(), r.getLegacyId(), PaymentStatus.valueOf(r.getStatus()),
                new Money(r.getAmountMinor(), currency), new Money(r.getCapturedMinor(), currency),
                new Money(r.getRefundedMinor(), currency), r.getCardToken(), r.getCardLast4(), r.getCardBrand(),
                r.getPspReference(), r.getVersion(), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
    }
}
