package dev.strangler.cdc.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.TablePair.SideName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The monolith's payments rows become the change record as extractions/payments.yaml maps them. */
class RowTranslatorTests {

    private static final SourcePosition POSITION = new SourcePosition(1234L, 77L, 1_700_000_000_000_000L, false);
    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final Instant UPDATED = Instant.parse("2026-01-02T03:05:00.000001Z");
    private static final RowTranslator ROWS = new RowTranslator(PaymentsPair.shape(), SideName.LEGACY);

    private static RowTranslator.Row row(String status, String amount, String card) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", 42L);
        columns.put("order_id", 7L);
        columns.put("amount", new BigDecimal(amount));
        columns.put("currency", "EUR");
        columns.put("status", status);
        columns.put("captured_amount", new BigDecimal("10.00"));
        columns.put("refunded_amount", new BigDecimal("0.50"));
        columns.put("psp_reference", "psp-1");
        columns.put("card_number", card);
        columns.put("created_at", CREATED);
        columns.put("updated_at", UPDATED);
        return columns::get;
    }

    private static long micros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }

    @Test
    void translatesALegacyRowWithTheTokenInsteadOfTheCardNumber() {
        RowTranslator.Captured captured = ROWS.read(row("PRFD", "1234567890.99", "4242424242424242"), POSITION);
        assertThat(captured.record().toString()).doesNotContain("4242424242424242");
        assertThat(captured.cards()).singleElement().extracting(RowTranslator.PendingCard::number)
                .isEqualTo(new CardNumber("4242424242424242"));

        GenericRecord change = ROWS.complete(captured, Map.of(new CardNumber("4242424242424242"),
                new CardToken("tok_abc", "4242", "VISA")));

        assertThat(change.get(ChangeRecord.ORIGIN).toString()).isEqualTo("LEGACY");
        assertThat(change.get(ChangeRecord.OP).toString()).isEqualTo("UPSERT");
        assertThat(change.get("paymentId")).isEqualTo(42L);
        assertThat(change.get("legacyId")).isEqualTo(42L);
        assertThat(change.get("status")).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(change.get("amountMinor")).isEqualTo(123456789099L);
        assertThat(change.get("capturedMinor")).isEqualTo(1000L);
        assertThat(change.get("refundedMinor")).isEqualTo(50L);
        assertThat(change.get("cardToken")).isEqualTo("tok_abc");
        assertThat(change.get("cardLast4")).isEqualTo("4242");
        assertThat(change.get("cardBrand")).isEqualTo("VISA");
        assertThat(change.get("createdAt")).isEqualTo(micros(CREATED));
        assertThat(change.get("updatedAt")).isEqualTo(micros(UPDATED));
        assertThat(change.get(ChangeRecord.SOURCE_LSN)).isEqualTo(1234L);
        assertThat(change.get(ChangeRecord.EVENT_ID)).isEqualTo("legacy:1234:77:42");
        assertThat(change.toString()).doesNotContain("4242424242424242");
        assertThat(PaymentsPair.shape().view(change).updatedAt()).isEqualTo(UPDATED);
    }

    @Test
    void keepsTheLastFourOfAMaskedCardColumnWithoutAToken() {
        RowTranslator.Captured captured = ROWS.read(row("CAPT", "5.00", Masks.MASK + "4444"), POSITION);
        assertThat(captured.cards()).singleElement().extracting(RowTranslator.PendingCard::number).isNull();

        GenericRecord change = ROWS.complete(captured, Map.of());

        assertThat(change.get("cardToken")).isNull();
        assertThat(change.get("cardLast4")).isEqualTo("4444");
        assertThat(change.get("cardBrand")).isNull();
    }

    @Test
    void refusesAmountsThatWouldNeedRounding() {
        assertThatThrownBy(() -> ROWS.read(row("AUTH", "1.005", "4242424242424242"), POSITION))
                .isInstanceOf(UntranslatableChange.class).hasMessageContaining("row 42");
    }

    @Test
    void refusesACodeTheDescriptorDoesNotName() {
        assertThatThrownBy(() -> ROWS.read(row("WHAT", "1.00", "4242424242424242"), POSITION))
                .isInstanceOf(UntranslatableChange.class).hasMessageContaining("WHAT");
    }

    @Test
    void aDeleteCarriesTheKeyAndATruncateNone() {
        GenericRecord delete = ROWS.delete(42L, POSITION);
        assertThat(delete.get(ChangeRecord.OP).toString()).isEqualTo("DELETE");
        assertThat(delete.get("paymentId")).isEqualTo(42L);
        assertThat(delete.get("status")).isNull();
        assertThat(ROWS.truncate(POSITION).get(ChangeRecord.OP).toString()).isEqualTo("TRUNCATE");
    }

    @Test
    void cardNumbersNeverPrintTheirDigits() {
        CardNumber card = new CardNumber("4000000000000002");
        assertThat(card.toString()).isEqualTo("****0002");
        assertThat(CardNumber.parseOrNull("4242 4242 4242 4241")).isNull();
        RowTranslator.Captured captured = ROWS.read(row("AUTH", "1.00", "4242424242424242"), POSITION);
        assertThat(captured.toString()).doesNotContain("4242424242424242");
    }
}
