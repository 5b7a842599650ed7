package dev.strangler.cdc.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.cdc.translate.Change;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.cdc.translate.PaymentsPair;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.Conversions;
import dev.strangler.extraction.TablePair.SideName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** A change becomes the columns of the other side, as extractions/payments.yaml maps them backwards. */
class TargetColumnsTests {

    private static final ChangeShape SHAPE = PaymentsPair.shape();
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    private static Change serviceChange(String status) {
        GenericRecord r = SHAPE.envelope(ChangeRecord.Origin.SERVICE, ChangeRecord.Op.UPSERT, 1000000001L,
                new SourcePosition(1, null, 1, false), "service:outbox:9");
        r.put("orderId", 5L);
        r.put("status", status);
        r.put("currency", "EUR");
        r.put("amountMinor", 2599L);
        r.put("capturedMinor", 2599L);
        r.put("refundedMinor", 0L);
        r.put("cardLast4", "4444");
        r.put("cardBrand", "MASTERCARD");
        r.put("createdAt", ChronoUnit.MICROS.between(Instant.EPOCH, AT));
        r.put("updatedAt", ChronoUnit.MICROS.between(Instant.EPOCH, AT));
        return SHAPE.view(r);
    }

    private static Map<String, Object> byColumn(TargetColumns columns, Object[] values) {
        Map<String, Object> out = new java.util.HashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(columns.columns().get(i).name(), values[i]);
        }
        return out;
    }

    @Test
    void aServiceChangeBecomesTheMonolithsRowWithAMaskedCardAndCodes() {
        TargetColumns legacy = new TargetColumns(SHAPE, SideName.LEGACY);

        Map<String, Object> row = byColumn(legacy, legacy.values(serviceChange("CAPTURED")));

        assertThat(row).containsEntry("id", 1000000001L).containsEntry("status", "CAPT")
                .containsEntry("card_number", "************4444").containsEntry("created_at", AT);
        assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("25.99");
        assertThat(row).doesNotContainKeys("legacy_id", "card_token", "version");
    }

    @Test
    void insertOnlyColumnsAreNeverUpdated() {
        TargetColumns legacy = new TargetColumns(SHAPE, SideName.LEGACY);

        assertThat(legacy.columns()).filteredOn(c -> !c.updatable()).extracting(TargetColumns.Column::name)
                .containsExactlyInAnyOrder("id", "card_number", "created_at");
    }

    @Test
    void aStateTheMonolithNeverStoredHasNoLegacyRow() {
        TargetColumns legacy = new TargetColumns(SHAPE, SideName.LEGACY);

        assertThatThrownBy(() -> legacy.values(serviceChange("PENDING"))).isInstanceOf(Conversions.NotOnThisSide.class);
    }

    @Test
    void theServiceKeepsTheCardInThreeColumnsTheTokenFirst() {
        TargetColumns service = new TargetColumns(SHAPE, SideName.EXTRACTED);

        assertThat(service.hasCard()).isTrue();
        assertThat(service.columns()).extracting(TargetColumns.Column::name).containsSubsequence("card_token",
                "card_last4", "card_brand");
        assertThat(service.columns()).extracting(TargetColumns.Column::name).doesNotContain("version");
        assertThat(java.util.Arrays.asList(service.values(serviceChange("CAPTURED")))).contains("4444", "MASTERCARD");
    }
}
