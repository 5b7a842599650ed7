package dev.strangler.cdc.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.TablePair.SideName;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The payment service's outbox events become the change record by field name. */
class OutboxTranslatorTests {

    private static final SourcePosition POSITION = new SourcePosition(1234L, 77L, 1_700_000_000_000_000L, false);
    private static final OutboxTranslator OUTBOX = new OutboxTranslator(PaymentsPair.shape(), SideName.EXTRACTED);

    @Test
    void translatesAnOutboxEvent() {
        OutboxEvent event = new OutboxEvent(9, "payment", "1000000001", "PaymentCaptured", """
                {"paymentId":1000000001,"orderId":5,"legacyId":null,"status":"CAPTURED","currency":"EUR",
                 "amountMinor":2599,"capturedMinor":2599,"refundedMinor":0,"cardLast4":"4444",
                 "cardBrand":"MASTERCARD","pspReference":"psp-9","version":3,
                 "createdAt":"2026-01-02T03:04:05.123456Z","updatedAt":"2026-01-02T03:05:00Z"}""",
                "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

        GenericRecord change = OUTBOX.read(event, POSITION);

        assertThat(change).isNotNull();
        assertThat(change.get(ChangeRecord.ORIGIN).toString()).isEqualTo("SERVICE");
        assertThat(change.get("paymentId")).isEqualTo(1000000001L);
        assertThat(change.get(ChangeRecord.VERSION)).isEqualTo(3);
        assertThat(change.get("legacyId")).isNull();
        assertThat(change.get("amountMinor")).isEqualTo(2599L);
        assertThat(change.get("createdAt")).isEqualTo(
                ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2026-01-02T03:04:05.123456Z")));
        assertThat(change.get(ChangeRecord.EVENT_ID)).isEqualTo("service:outbox:9");
        assertThat(PaymentsPair.shape().view(change).position()).isEqualTo(3);
    }

    @Test
    void ignoresOtherAggregatesAndRefusesBrokenPayloads() {
        assertThat(OUTBOX.read(new OutboxEvent(1, "refund-note", "1", "X", "{}", null, null), POSITION)).isNull();
        assertThatThrownBy(() -> OUTBOX.read(new OutboxEvent(2, "payment", "1", "X", "not json", null, null),
                POSITION)).isInstanceOf(UntranslatableChange.class).hasMessageContaining("no JSON");
        assertThatThrownBy(() -> OUTBOX.read(new OutboxEvent(3, "payment", "1", "X", "{\"orderId\":1}", null, null),
                POSITION)).isInstanceOf(UntranslatableChange.class).hasMessageContaining("paymentId");
        assertThatThrownBy(() -> OUTBOX.read(new OutboxEvent(4, "payment", "1", "X",
                "{\"paymentId\":1,\"amountMinor\":\"lots\"}", null, null), POSITION))
                .isInstanceOf(UntranslatableChange.class).hasMessageContaining("amountMinor");
    }
}
