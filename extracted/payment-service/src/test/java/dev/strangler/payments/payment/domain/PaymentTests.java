package dev.strangler.payments.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentTests {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }

    static Payment authorized(String amount) {
        return Payment.pending(1, 42, eur(amount), "tok_x", "4242", "VISA", T0).authorized("auth_1", T0);
    }

    private static void assertViolation(Runnable action, String slug) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(PaymentRuleViolation.class,
                v -> assertThat(v.slug()).isEqualTo(slug));
    }

    @Test
    void authorizingAPendingPaymentKeepsTheGatewayReferenceAndBumpsTheVersion() {
        Payment pending = Payment.pending(1, 42, eur("25.00"), "tok_x", "4242", "VISA", T0);

        Payment authorized = pending.authorized("auth_1", T1);

        assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(authorized.pspReference()).isEqualTo("auth_1");
        assertThat(authorized.version()).isEqualTo(pending.version() + 1);
        assertThat(authorized.updatedAt()).isEqualTo(T1);
    }

    @Test
    void onlyAPendingPaymentCanBeSettledByTheGateway() {
        assertViolation(() -> authorized("1.00").declined(T1), "illegal-transition");
        assertViolation(() -> authorized("1.00").authorized("again", T1), "illegal-transition");
    }

    @Test
    void capturesTheFullAmountWhenNoneIsGiven() {
        Payment p = authorized("25.00");

        assertThat(p.captureAmount(null)).isEqualTo(eur("25.00"));
    }

    @Test
    void refusesToCaptureMoreThanAuthorizedOrNothing() {
        Payment p = authorized("25.00");

        assertViolation(() -> p.captureAmount(eur("25.01")), "amount-exceeds-authorized");
        assertViolation(() -> p.captureAmount(eur("0")), "invalid-amount");
    }

    @Test
    void refusesToCaptureTwice() {
        Payment captured = authorized("25.00").captured(eur("25.00"), T1);

        assertViolation(() -> captured.captureAmount(null), "illegal-transition");
    }

    @Test
    void voidsOnlyAnAuthorizationNothingWasCapturedFrom() {
        Payment voided = authorized("25.00").voided(T1);

        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voided.captured()).isEqualTo(eur("0.00"));
        assertViolation(() -> voided.voided(T1), "illegal-transition");
        assertViolation(() -> authorized("25.00").captured(eur("25.00"), T1).voided(T1), "illegal-transition");
        assertViolation(() -> voided.captureAmount(null), "illegal-transition");
    }

    @Test
    void refundsPartThenAllOfTheCapturedAmount() {
        Payment captured = authorized("25.00").captured(eur("20.00"), T1);

        Payment part = captured.refunded(captured.refundAmount(eur("5.00")), T1);
        Payment all = part.refunded(part.refundAmount(eur("15.00")), T1);

        assertThat(part.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(all.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(all.refunded()).isEqualTo(eur("20.00"));
        assertViolation(() -> all.refundAmount(eur("0.01")), "illegal-transition");
    }

    @Test
    void refusesToRefundMoreThanCapturedOrBeforeCapture() {
        Payment captured = authorized("25.00").captured(eur("20.00"), T1);

        assertViolation(() -> captured.refundAmount(eur("20.01")), "refund-exceeds-captured");
        assertViolation(() -> authorized("25.00").refundAmount(eur("1.00")), "illegal-transition");
    }

    @Test
    void moneyKeepsMinorUnitsAndRefusesThirdDecimals() {
        assertThat(eur("12.5").minor()).isEqualTo(1250);
        assertThat(eur("12.5").format()).isEqualTo("12.50");
        assertViolation(() -> eur("1.001"), "invalid-amount");
        assertThat(PaymentStatus.PENDING.isLive()).isTrue();
        assertThat(PaymentStatus.DECLINED.isLive()).isFalse();
    }
}
