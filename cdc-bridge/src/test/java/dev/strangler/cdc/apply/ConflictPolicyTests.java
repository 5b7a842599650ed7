package dev.strangler.cdc.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.apply.ConflictPolicy.Decision;
import dev.strangler.cdc.translate.Change;
import dev.strangler.cdc.translate.ChangeShape;
import dev.strangler.cdc.translate.PaymentsPair;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.extraction.ChangeRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ConflictPolicyTests {

    private static final Instant T1 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-25T10:00:05Z");

    private static final ChangeShape SHAPE = PaymentsPair.shape();

    private static Change change(ChangeRecord.Origin origin, long lsn, Instant updatedAt) {
        GenericRecord r = SHAPE.envelope(origin, ChangeRecord.Op.UPSERT, 1, new SourcePosition(lsn, null, 1, false),
                "e" + lsn);
        r.put("status", "CAPTURED");
        r.put("updatedAt", ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt));
        return SHAPE.view(r);
    }

    private static Change legacy(long lsn, Instant updatedAt) {
        return change(ChangeRecord.Origin.LEGACY, lsn, updatedAt);
    }

    private static Change service(int version, Instant updatedAt) {
        Change c = change(ChangeRecord.Origin.SERVICE, 5, updatedAt);
        c.record().put(ChangeRecord.VERSION, version);
        return c;
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
