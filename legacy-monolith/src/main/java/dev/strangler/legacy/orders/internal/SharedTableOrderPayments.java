package dev.strangler.legacy.orders.internal;

import static dev.strangler.legacy.db.Tables.PAYMENTS;
import static dev.strangler.legacy.db.Tables.PAYMENT_EVENTS;

import dev.strangler.legacy.Money;
import dev.strangler.legacy.orders.OrderView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Repository;

/** The order's payment straight from the shared payment tables: how the monolith always did it. */
@Repository
@Primary
public class SharedTableOrderPayments implements OrderPayments {

    private final DSLContext db;

    SharedTableOrderPayments(DSLContext db) {
        this.db = db;
    }

    // TANGLE(step-1): the order lookup reads the payments table directly (status, amounts, even the card
    // number to cut its last four digits) instead of asking the payments feature. Once payments move out,
    // this query has nothing to read.
    @Override
    public OrderView.@Nullable PaymentSummary latest(long orderId) {
        return db.select(PAYMENTS.ID, PAYMENTS.STATUS, PAYMENTS.AMOUNT,
                        PAYMENTS.CAPTURED_AMOUNT, PAYMENTS.REFUNDED_AMOUNT, PAYMENTS.CARD_NUMBER)
                .from(PAYMENTS)
                .where(PAYMENTS.ORDER_ID.eq(orderId))
                .orderBy(PAYMENTS.ID.desc())
                .limit(1)
                .fetchOptional(r -> new OrderView.PaymentSummary(r.value1(), apiPaymentStatus(r.value2()),
                        Money.format(r.value3()), Money.format(r.value4()), Money.format(r.value5()),
                        r.value6().substring(r.value6().length() - 4)))
                .orElse(null);
    }

    // TANGLE(step-1): the order code knows the payment table's legacy status codes, too.
    private static String apiPaymentStatus(String code) {
        return switch (code) {
            case "AUTH" -> "AUTHORIZED";
            case "CAPT" -> "CAPTURED";
            case "PRFD" -> "PARTIALLY_REFUNDED";
            case "RFND" -> "REFUNDED";
            case "DECL" -> "DECLINED";
            case "VOID" -> "VOIDED";
            default -> code;
        };
    }

    // TANGLE(step-3): cancelling an order updates the payments table directly ('AUTH' -> 'VOID') and writes a
    // payment event, bypassing the payment rules and never telling the gateway.
    @Override
    public boolean voidAuthorized(long orderId, Instant now) {
        boolean captured = db.fetchExists(PAYMENTS, PAYMENTS.ORDER_ID.eq(orderId)
                .and(PAYMENTS.STATUS.in("CAPT", "PRFD", "RFND")));
        if (captured) {
            return false;
        }
        List<Long> voided = db.update(PAYMENTS)
                .set(PAYMENTS.STATUS, "VOID")
                .set(PAYMENTS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(PAYMENTS.ORDER_ID.eq(orderId).and(PAYMENTS.STATUS.eq("AUTH")))
                .returning(PAYMENTS.ID)
                .fetch(PAYMENTS.ID);
        for (Long paymentId : voided) {
            db.insertInto(PAYMENT_EVENTS)
                    .set(PAYMENT_EVENTS.PAYMENT_ID, paymentId)
                    .set(PAYMENT_EVENTS.EVENT_TYPE, "VOIDED")
                    .set(PAYMENT_EVENTS.NOTE, "order cancelled")
                    .set(PAYMENT_EVENTS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .execute();
        }
        return true;
    }
}
