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
                .set(RenderedSql.columns(PAYMENTS.ORDER_ID, PAYMENTS.STATUS, PAYMENTS.CURRENCY, PAYMENTS.AMOUNT_MINOR,
                        PAYMENTS.CAPTURED_MINOR, PAYMENTS.REFUNDED_MINOR, PAYMENTS.CARD_TOKEN, PAYMENTS.CARD_LAST4,
                        PAYMENTS.CARD_BRAND, PAYMENTS.VERSION, PAYMENTS.CREATED_AT, PAYMENTS.UPDATED_AT))
                .returning(PAYMENTS.ID));
        this.update = RenderedSql.of(db, db.update(PAYMENTS)
                .set(RenderedSql.columns(PAYMENTS.STATUS, PAYMENTS.CAPTURED_MINOR, PAYMENTS.REFUNDED_MINOR,
                        PAYMENTS.PSP_REFERENCE, PAYMENTS.VERSION, PAYMENTS.UPDATED_AT))
                .where(PAYMENTS.ID.eq(param("id", PAYMENTS.ID))
                        .and(PAYMENTS.VERSION.eq(param("previous_version", PAYMENTS.VERSION)))));
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
                .set("order_id", orderId)
                .set("status", pending.status().name())
                .set("currency", amount.currency())
                .set("amount_minor", amount.minor())
                .set("captured_minor", pending.captured().minor())
                .set("refunded_minor", pending.refunded().minor())
                .set("card_token", card.token())
                .set("card_last4", card.last4())
                .set("card_brand", card.brand())
                .set("version", pending.version())
                .set("created_at", utc(now))
                .set("updated_at", utc(now))
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
                .set("captured_minor", next.captured().minor())
                .set("refunded_minor", next.refunded().minor())
                .set("psp_reference", next.pspReference())
                .set("version", next.version())
                .set("updated_at", utc(next.updatedAt()))
                .set("id", next.id())
                .set("previous_version", next.version() - 1)
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
