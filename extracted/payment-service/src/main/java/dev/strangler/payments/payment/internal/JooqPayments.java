package dev.strangler.payments.payment.internal;

import static dev.strangler.payments.db.Tables.PAYMENTS;
import static org.jooq.impl.DSL.param;

import dev.strangler.payments.db.tables.records.PaymentsRecord;
import dev.strangler.payments.payment.Payments;
import dev.strangler.payments.payment.domain.Money;
import dev.strangler.payments.payment.domain.Payment;
import dev.strangler.payments.payment.domain.PaymentStatus;
import dev.strangler.payments.vault.CardToken;
import dev.strangler.support.jdbc.RenderedSql;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@link Payments} on the service's own {@code payments} table. The two statements every authorization runs (the
 * PENDING insert and the outcome's update) are rendered once ({@link RenderedSql}); the rest through jOOQ as usual.
 */
@Repository
class JooqPayments implements Payments {

    private static final List<String> LIVE = PaymentStatus.LIVE.stream().map(Enum::name).toList();

    private final DSLContext db;
    private final JdbcTemplate jdbc;
    private final RenderedSql insertPending;
    private final RenderedSql update;

    JooqPayments(DSLContext db, JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
        this.insertPending = RenderedSql.of(db, db.insertInto(PAYMENTS)
                .set(PAYMENTS.ORDER_ID, param("orderId", PAYMENTS.ORDER_ID))
                .set(PAYMENTS.STATUS, param("status", PAYMENTS.STATUS))
                .set(PAYMENTS.CURRENCY, param("currency", PAYMENTS.CURRENCY))
                .set(PAYMENTS.AMOUNT_MINOR, param("amountMinor", PAYMENTS.AMOUNT_MINOR))
                .set(PAYMENTS.CAPTURED_MINOR, param("capturedMinor", PAYMENTS.CAPTURED_MINOR))
                .set(PAYMENTS.REFUNDED_MINOR, param("refundedMinor", PAYMENTS.REFUNDED_MINOR))
                .set(PAYMENTS.CARD_TOKEN, param("cardToken", PAYMENTS.CARD_TOKEN))
                .set(PAYMENTS.CARD_LAST4, param("cardLast4", PAYMENTS.CARD_LAST4))
                .set(PAYMENTS.CARD_BRAND, param("cardBrand", PAYMENTS.CARD_BRAND))
                .set(PAYMENTS.VERSION, param("version", PAYMENTS.VERSION))
                .set(PAYMENTS.CREATED_AT, param("createdAt", PAYMENTS.CREATED_AT))
                .set(PAYMENTS.UPDATED_AT, param("updatedAt", PAYMENTS.UPDATED_AT))
                .returning(PAYMENTS.ID));
        this.update = RenderedSql.of(db, db.update(PAYMENTS)
                .set(PAYMENTS.STATUS, param("status", PAYMENTS.STATUS))
                .set(PAYMENTS.CAPTURED_MINOR, param("capturedMinor", PAYMENTS.CAPTURED_MINOR))
                .set(PAYMENTS.REFUNDED_MINOR, param("refundedMinor", PAYMENTS.REFUNDED_MINOR))
                .set(PAYMENTS.PSP_REFERENCE, param("pspReference", PAYMENTS.PSP_REFERENCE))
                .set(PAYMENTS.VERSION, param("version", PAYMENTS.VERSION))
                .set(PAYMENTS.UPDATED_AT, param("updatedAt", PAYMENTS.UPDATED_AT))
                .where(PAYMENTS.ID.eq(param("id", PAYMENTS.ID))
                        .and(PAYMENTS.VERSION.eq(param("previousVersion", PAYMENTS.VERSION)))));
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
    public Optional<Payment> insertPending(long orderId, Money amount, CardToken card, Instant at) {
        // what is returned must equal what a later read returns, and PostgreSQL keeps microseconds
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        Payment pending = Payment.pending(0, orderId, amount, card.token(), card.last4(), card.brand(), now);
        Object[] values = insertPending.bind()
                .set("orderId", orderId)
                .set("status", pending.status().name())
                .set("currency", amount.currency())
                .set("amountMinor", amount.minor())
                .set("capturedMinor", pending.captured().minor())
                .set("refundedMinor", pending.refunded().minor())
                .set("cardToken", card.token())
                .set("cardLast4", card.last4())
                .set("cardBrand", card.brand())
                .set("version", pending.version())
                .set("createdAt", utc(now))
                .set("updatedAt", utc(now))
                .arguments();
        try {
            Long id = jdbc.queryForObject(insertPending.sql(), Long.class, values);
            return Optional.of(Payment.pending(id, orderId, amount, card.token(), card.last4(), card.brand(), now));
        } catch (DuplicateKeyException e) {
            // payments_one_live_per_order: another authorization for this order won the race
            return Optional.empty();
        }
    }

    @Override
    public boolean update(Payment next) {
        return jdbc.update(update.sql(), update.bind()
                .set("status", next.status().name())
                .set("capturedMinor", next.captured().minor())
                .set("refundedMinor", next.refunded().minor())
                .set("pspReference", next.pspReference())
                .set("version", next.version())
                .set("updatedAt", utc(next.updatedAt()))
                .set("id", next.id())
                .set("previousVersion", next.version() - 1)
                .arguments()) == 1;
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
