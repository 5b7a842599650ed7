package dev.strangler.legacy.support.internal;

import static dev.strangler.legacy.db.Tables.PAYMENTS;
import static dev.strangler.legacy.db.Tables.PAYMENT_EVENTS;

import dev.strangler.legacy.payments.PaymentStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Repository;

/** Direct writes the support desk is allowed to make. */
@Repository
@Primary
public class JooqSupport implements PaymentOverrides {

    private final DSLContext db;

    JooqSupport(DSLContext db) {
        this.db = db;
    }

    /**
     * Sets the payment's status code, whatever it was; returns the previous status, or empty if no such payment.
     */
    // TANGLE(step-5): support updates payments.status directly: no state machine, no gateway call, amounts left
    // as they were. The extracted service must offer an explicit operation for this, or support loses the tool.
    @Override
    public Optional<PaymentStatus> override(long paymentId, PaymentStatus target, String note, Instant now) {
        String code = target.code();
        Optional<String> previous = db.select(PAYMENTS.STATUS).from(PAYMENTS).where(PAYMENTS.ID.eq(paymentId))
                .forUpdate().fetchOptional(PAYMENTS.STATUS);
        previous.ifPresent(old -> {
            db.update(PAYMENTS).set(PAYMENTS.STATUS, code).set(PAYMENTS.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                    .where(PAYMENTS.ID.eq(paymentId)).execute();
            db.insertInto(PAYMENT_EVENTS)
                    .set(PAYMENT_EVENTS.PAYMENT_ID, paymentId)
                    .set(PAYMENT_EVENTS.EVENT_TYPE, "SUPPORT_OVERRIDE")
                    .set(PAYMENT_EVENTS.NOTE, note)
                    .set(PAYMENT_EVENTS.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                    .execute();
        });
        return previous.map(PaymentStatus::fromCode);
    }
}
