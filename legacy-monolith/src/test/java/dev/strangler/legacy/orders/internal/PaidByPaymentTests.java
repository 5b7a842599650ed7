package dev.strangler.legacy.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaidByPaymentTests {

    @ParameterizedTest
    @ValueSource(strings = {"AUTHORIZED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED"})
    void aPaymentHoldingMoneyPaysItsOrder(String status) {
        assertThat(PaidByPayment.orderPaidBy(change(ChangeOp.UPSERT, 42L, status))).hasValue(42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING", "DECLINED", "FAILED", "VOIDED"})
    void aPaymentHoldingNoMoneyPaysNothing(String status) {
        assertThat(PaidByPayment.orderPaidBy(change(ChangeOp.UPSERT, 42L, status))).isEmpty();
    }

    @Test
    void deletesAndChangesWithoutAnOrderPayNothing() {
        assertThat(PaidByPayment.orderPaidBy(change(ChangeOp.DELETE, 42L, "AUTHORIZED"))).isEmpty();
        assertThat(PaidByPayment.orderPaidBy(change(ChangeOp.UPSERT, null, "AUTHORIZED"))).isEmpty();
        assertThat(PaidByPayment.orderPaidBy(change(ChangeOp.UPSERT, 42L, null))).isEmpty();
    }

    private static PaymentChange change(ChangeOp op, Long order, String status) {
        return PaymentChange.newBuilder().setEventId("e").setOrigin(ChangeOrigin.SERVICE).setOp(op)
                .setPaymentId(1_000_000_001L).setOrderId(order).setStatus(status).setSourceLsn(0L)
                .setSourceTsMicros(0L).build();
    }
}
