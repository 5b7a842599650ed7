package dev.strangler.legacy.payments.internal;

import static dev.strangler.legacy.db.Tables.ORDERS;

import dev.strangler.legacy.ShopProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Repository;

/** The bits of the {@code orders} table payments needs: both implementations, in-process and remote, use them. */
@Repository
class JooqPayableOrders {

    private final DSLContext db;

    JooqPayableOrders(DSLContext db) {
        this.db = db;
    }

    /** What payments needs of an order. */
    record PayableOrder(long id, String status, BigDecimal total, String currency) {
    }

    // TANGLE(step-8): payments reads the orders table directly (status, total, currency) and locks its row,
    // instead of asking the orders feature; the extracted service will have to get the amount another way.
    Optional<PayableOrder> lockOrder(long orderId) {
        return db.select(ORDERS.ID, ORDERS.STATUS, ORDERS.TOTAL, ORDERS.CURRENCY)
                .from(ORDERS).where(ORDERS.ID.eq(orderId)).forUpdate().fetchOptional()
                .map(r -> new PayableOrder(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The order as payments needs it, without a lock (the remote mode holds no transaction across HTTP). */
    Optional<PayableOrder> findOrder(long orderId) {
        return db.select(ORDERS.ID, ORDERS.STATUS, ORDERS.TOTAL, ORDERS.CURRENCY)
                .from(ORDERS).where(ORDERS.ID.eq(orderId)).fetchOptional()
                .map(r -> new PayableOrder(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** 404: the API's answer for a payment of an order that does not exist (nothing is charged). */
    static ShopProblem unknownOrder() {
        return new ShopProblem(HttpStatus.NOT_FOUND, "unknown-order", "Unknown order", "The order does not exist.");
    }

    // TANGLE(step-8): payments writes the order's status too: a paid order is one whose payment went through.
    void markOrderPaid(long orderId, Instant now) {
        db.update(ORDERS).set(ORDERS.STATUS, "PAID").set(ORDERS.UPDATED_AT, utc(now))
                .where(ORDERS.ID.eq(orderId)).execute();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
