package dev.strangler.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.apply.ConflictPolicy.Decision;
import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConflictPolicyTests {

    private static final Instant T1 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-25T10:00:05Z");

    private static PaymentChange legacy(long lsn, Instant updatedAt) {
        return PaymentChange.newBuilder().setEventId("e" + lsn).setOrigin(ChangeOrigin.LEGACY).setOp(ChangeOp.UPSERT)
                .setPaymentId(1).setStatus("CAPTURED").setUpdatedAt(updatedAt).setSourceLsn(lsn)
                .setSourceTsMicros(1).build();
    }

    private static PaymentChange service(int version, Instant updatedAt) {
        return PaymentChange.newBuilder(legacy(5, updatedAt)).setOrigin(ChangeOrigin.SERVICE).setVersion(version)
                .build();
    }

    @Test
    void appliesChangesInSourceOrderAndSkipsDuplicatesAndOlderOnes() {
        assertThat(ConflictPolicy.decide(legacy(100, T1), null, null, WriteOwner.LEGACY)).isEqualTo(Decision.APPLY);
        assertThat(ConflictPolicy.decide(legacy(100, T1), 100L, T1, WriteOwner.LEGACY)).isEqualTo(Decision.STALE);
        assertThat(ConflictPolicy.decide(legacy(90, T1), 100L, T1, WriteOwner.LEGACY)).isEqualTo(Decision.STALE);
        assertThat(ConflictPolicy.decide(legacy(110, T2), 100L, T1, WriteOwner.LEGACY)).isEqualTo(Decision.APPLY);
    }

    @Test
    void ordersServiceChangesByVersion() {
        assertThat(ConflictPolicy.position(service(3, T1))).isEqualTo(3);
        assertThat(ConflictPolicy.decide(service(3, T1), 3L, T1, WriteOwner.SERVICE)).isEqualTo(Decision.STALE);
        assertThat(ConflictPolicy.decide(service(4, T2), 3L, T1, WriteOwner.SERVICE)).isEqualTo(Decision.APPLY);
    }

    @Test
    void ownerWinsAConflictWithANewerTargetWrite() {
        // the target row was written on the target side at T2, after the source's change at T1
        assertThat(ConflictPolicy.decide(legacy(200, T1), 100L, T2, WriteOwner.LEGACY)).isEqualTo(Decision.APPLY);
        assertThat(ConflictPolicy.decide(legacy(200, T1), 100L, T2, WriteOwner.SERVICE))
                .isEqualTo(Decision.CONFLICT_LOST);
        assertThat(ConflictPolicy.decide(service(7, T1), 6L, T2, WriteOwner.SERVICE)).isEqualTo(Decision.APPLY);
        assertThat(ConflictPolicy.decide(service(7, T1), 6L, T2, WriteOwner.LEGACY))
                .isEqualTo(Decision.CONFLICT_LOST);
    }

    @Test
    void withoutOwnerTheLaterWriteWins() {
        assertThat(ConflictPolicy.decide(legacy(200, T1), 100L, T2, WriteOwner.NONE))
                .isEqualTo(Decision.CONFLICT_LOST);
        assertThat(ConflictPolicy.decide(legacy(200, T2), 100L, T1, WriteOwner.NONE)).isEqualTo(Decision.APPLY);
        assertThat(ConflictPolicy.decide(legacy(200, T2), 100L, T2, WriteOwner.NONE)).isEqualTo(Decision.APPLY);
    }

    @Test
    void ownerFollowsTheWriteRouteStage() {
        assertThat(WriteOwner.forStage(null)).isEqualTo(WriteOwner.LEGACY);
        assertThat(WriteOwner.forStage("LEGACY")).isEqualTo(WriteOwner.LEGACY);
        assertThat(WriteOwner.forStage("SHADOW")).isEqualTo(WriteOwner.LEGACY);
        assertThat(WriteOwner.forStage("ROLLED_BACK")).isEqualTo(WriteOwner.LEGACY);
        assertThat(WriteOwner.forStage("CANARY")).isEqualTo(WriteOwner.NONE);
        assertThat(WriteOwner.forStage("EXTRACTED")).isEqualTo(WriteOwner.SERVICE);
    }
}
