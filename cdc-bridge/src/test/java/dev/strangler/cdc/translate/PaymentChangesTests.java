package dev.strangler.cdc.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentChangesTests {

    private static final SourcePosition POSITION = new SourcePosition(1234L, 77L, 1_700_000_000_000_000L, false);
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T03:05:00.000001Z");

    private static LegacyPaymentRow row(String status, String amount, String card) {
        return new LegacyPaymentRow(42, 7, new BigDecimal(amount), "EUR", status, new BigDecimal("10.00"),
                new BigDecimal("0.50"), "psp-1", CardNumber.parseOrNull(card), card.substring(card.length() - 4),
                CREATED, UPDATED, null);
    }

    @Test
    void translatesLegacyRowWithTokenInsteadOfCardNumber() {
        LegacyPaymentRow row = row("PRFD", "1234567890.99", "4242424242424242");
        PaymentChange change = PaymentChanges.fromLegacy(row, new CardToken("tok_abc", "4242", "VISA"), POSITION);

        assertThat(change.getOrigin()).isEqualTo(ChangeOrigin.LEGACY);
        assertThat(change.getOp()).isEqualTo(ChangeOp.UPSERT);
        assertThat(change.getPaymentId()).isEqualTo(42);
        assertThat(change.getLegacyId()).isEqualTo(42);
        assertThat(change.getStatus()).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(change.getAmountMinor()).isEqualTo(123456789099L);
        assertThat(change.getCapturedMinor()).isEqualTo(1000);
        assertThat(change.getRefundedMinor()).isEqualTo(50);
        assertThat(change.getCardToken()).isEqualTo("tok_abc");
        assertThat(change.getCardLast4()).isEqualTo("4242");
        assertThat(change.getCardBrand()).isEqualTo("VISA");
        assertThat(change.getUpdatedAt()).isEqualTo(UPDATED);
        assertThat(change.getSourceLsn()).isEqualTo(1234L);
        assertThat(change.getEventId()).isEqualTo("legacy:1234:77:42");
        assertThat(change.toString()).doesNotContain("4242424242424242");
    }

    @Test
    void keepsTheLastFourOfAMaskedCardColumnWithoutToken() {
        LegacyPaymentRow row = row("CAPT", "5.00", PaymentChanges.MASK + "4444");
        assertThat(row.card()).isNull();

        PaymentChange change = PaymentChanges.fromLegacy(row, null, POSITION);

        assertThat(change.getCardToken()).isNull();
        assertThat(change.getCardLast4()).isEqualTo("4444");
    }

    @Test
    void refusesAmountsThatWouldNeedRounding() {
        LegacyPaymentRow row = row("AUTH", "1.005", "4242424242424242");
        assertThatThrownBy(() -> PaymentChanges.fromLegacy(row, new CardToken("t", "4242", "VISA"), POSITION))
                .isInstanceOf(UntranslatableChange.class);
    }

    @Test
    void refusesUnknownLegacyStatus() {
        LegacyPaymentRow row = row("WHAT", "1.00", "4242424242424242");
        assertThatThrownBy(() -> PaymentChanges.fromLegacy(row, new CardToken("t", "4242", "VISA"), POSITION))
                .isInstanceOf(UntranslatableChange.class).hasMessageContaining("WHAT");
    }

    @Test
    void translatesOutboxPaymentEvent() {
        OutboxEvent event = new OutboxEvent(9, "payment", "1000000001", "PaymentCaptured", """
                {"paymentId":1000000001,"orderId":5,"legacyId":null,"status":"CAPTURED","currency":"EUR",
                 "amountMinor":2599,"capturedMinor":2599,"refundedMinor":0,"cardLast4":"4444",
                 "cardBrand":"MASTERCARD","pspReference":"psp-9","version":3,
                 "createdAt":"2026-01-02T03:04:05.123456Z","updatedAt":"2026-01-02T03:05:00Z"}""",
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

        PaymentChange change = PaymentChanges.fromOutbox(event, POSITION);

        assertThat(change).isNotNull();
        assertThat(change.getOrigin()).isEqualTo(ChangeOrigin.SERVICE);
        assertThat(change.getPaymentId()).isEqualTo(1000000001L);
        assertThat(change.getVersion()).isEqualTo(3);
        assertThat(change.getLegacyId()).isNull();
        assertThat(change.getCreatedAt()).isEqualTo(CREATED);
        assertThat(change.getEventId()).isEqualTo("service:outbox:9");

        LegacyPaymentValues legacy = PaymentChanges.toLegacy(change);
        assertThat(legacy).isNotNull();
        assertThat(legacy.statusCode()).isEqualTo("CAPT");
        assertThat(legacy.amount()).isEqualByComparingTo("25.99");
        assertThat(legacy.maskedCard()).isEqualTo("************4444");
        assertThat(CardNumber.isValid(legacy.maskedCard())).isFalse();
    }

    @Test
    void ignoresOtherAggregatesAndRefusesBrokenPayloads() {
        assertThat(PaymentChanges.fromOutbox(new OutboxEvent(1, "refund-note", "1", "X", "{}", null, null), POSITION))
                .isNull();
        assertThatThrownBy(() -> PaymentChanges.fromOutbox(
                new OutboxEvent(2, "payment", "1", "X", "not json", null, null), POSITION))
                .isInstanceOf(UntranslatableChange.class);
        assertThatThrownBy(() -> PaymentChanges.fromOutbox(
                new OutboxEvent(3, "payment", "1", "X", "{\"paymentId\":1}", null, null), POSITION))
                .isInstanceOf(UntranslatableChange.class).hasMessageContaining("updatedAt");
    }

    @Test
    void serviceOnlyStatesHaveNoLegacyRow() {
        PaymentChange pending = PaymentChange.newBuilder().setEventId("e").setOrigin(ChangeOrigin.SERVICE)
                .setOp(ChangeOp.UPSERT).setPaymentId(1).setStatus("PENDING").setSourceLsn(1).setSourceTsMicros(1)
                .build();
        assertThat(PaymentChanges.toLegacy(pending)).isNull();
        assertThat(LegacyStatus.codeOf("FAILED")).isEmpty();
        assertThat(LegacyStatus.codeOf("VOIDED")).contains("VOID");
    }

    @Test
    void cardNumberNeverPrintsItsDigits() {
        CardNumber card = new CardNumber("4000000000000002");
        assertThat(card.toString()).isEqualTo("****0002");
        assertThat(CardNumber.parseOrNull("4242 4242 4242 4241")).isNull();
        assertThat(row("AUTH", "1.00", "4242424242424242").toString()).doesNotContain("4242424242424242");
    }
}
