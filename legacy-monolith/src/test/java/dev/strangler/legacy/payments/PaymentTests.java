package dev.strangler.legacy.payments;

import static dev.strangler.legacy.payments.PaymentFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.legacy.ShopProblem;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentTests {

    private static void assertProblem(Runnable action, int status, String slug) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ShopProblem.class, p -> {
            assertThat(p.getStatusCode().value()).isEqualTo(status);
            assertThat(p.slug()).isEqualTo(slug);
        });
    }

    @Test
    void capturesTheFullAmountWhenNoneIsGiven() {
        Payment p = PaymentFixture.authorized("25.00");

        Payment captured = p.captured(p.captureAmount(null), T0.plusSeconds(1));

        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.capturedAmount()).isEqualByComparingTo("25.00");
        assertThat(captured.updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void capturesPartOfTheAmount() {
        assertThat(PaymentFixture.authorized("25.00").captureAmount(new BigDecimal("10"))).isEqualTo(new BigDecimal("10.00"));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = "AUTHORIZED", mode = EnumSource.Mode.EXCLUDE)
    void capturesOnlyAuthorizedPayments(PaymentStatus status) {
        assertProblem(() -> PaymentFixture.inStatus(status).captureAmount(null), 409, "illegal-transition");
    }

    @Test
    void refusesToCaptureMoreThanAuthorizedOrNothing() {
        Payment p = PaymentFixture.authorized("25.00");

        assertProblem(() -> p.captureAmount(new BigDecimal("25.01")), 409, "amount-exceeds-authorized");
        assertProblem(() -> p.captureAmount(BigDecimal.ZERO), 400, "invalid-amount");
    }

    @Test
    void refundsPartlyThenFully() {
        Payment captured = PaymentFixture.captured("30.00");

        Payment partly = captured.refunded(captured.refundAmount(new BigDecimal("10")), T0);
        Payment fully = partly.refunded(partly.refundAmount(new BigDecimal("20.00")), T0);

        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(partly.refundedAmount()).isEqualByComparingTo("10.00");
        assertThat(fully.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(fully.refundedAmount()).isEqualByComparingTo("30.00");
    }

    @Test
    void refusesToRefundMoreThanWhatIsLeft() {
        Payment captured = PaymentFixture.captured("30.00");
        Payment partly = captured.refunded(new BigDecimal("20.00"), T0);

        assertProblem(() -> partly.refundAmount(new BigDecimal("10.01")), 409, "refund-exceeds-captured");
    }

    @ParameterizedTest
    @EnumSource(value = PaymentStatus.class, names = {"AUTHORIZED", "REFUNDED", "DECLINED", "VOIDED"})
    void refundsOnlyCapturedMoney(PaymentStatus status) {
        assertProblem(() -> PaymentFixture.inStatus(status).refundAmount(new BigDecimal("1.00")), 409,
                "illegal-transition");
    }

    @Test
    void refusesANonPositiveRefund() {
        assertProblem(() -> PaymentFixture.captured("30.00").refundAmount(new BigDecimal("-1")), 400, "invalid-amount");
    }
}
