package dev.strangler.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class CaptureStatsTests {

    @Test
    void aSnapshotThatStartsAgainIsNotCompletedUntilItsLastRow() {
        CaptureStats stats = new CaptureStats("legacy-to-service", "payments", new SimpleMeterRegistry(), true);
        assertThat(stats.snapshotCompleted()).isTrue();

        stats.snapshotStartsAgain(); // a lost slot was dropped with the offsets of the earlier snapshot
        assertThat(stats.snapshotCompleted()).isFalse();

        stats.snapshotRows(100, false);
        assertThat(stats.snapshotCompleted()).isFalse();
        stats.snapshotRows(5, true);
        assertThat(stats.snapshotCompleted()).isTrue();
        assertThat(stats.snapshotRows()).isEqualTo(105);
    }

    @Test
    void aCaptureWithoutEarlierOffsetsHasNotCompletedItsSnapshotUntilItStreams() {
        CaptureStats stats = new CaptureStats("service-to-legacy", "payments", new SimpleMeterRegistry(), false);
        assertThat(stats.snapshotCompleted()).isFalse();
        stats.streaming();
        assertThat(stats.snapshotCompleted()).isTrue();
    }

    @Test
    void theOldestChangeNotYetAcknowledgedAgesFromItsCommitUntilKafkaAcknowledges() {
        CaptureStats stats = new CaptureStats("legacy-to-service", "payments", new SimpleMeterRegistry(), true);
        long now = System.currentTimeMillis();
        assertThat(stats.unacknowledgedMs()).isZero();

        stats.received(List.of(change(now - 40_000), change(now - 50_000)));
        assertThat(stats.unacknowledgedMs()).isBetween(50_000L, 60_000L);

        // the failed batch comes again after the capture restarts: it has waited since its first attempt
        stats.received(List.of(change(now - 10_000)));
        assertThat(stats.unacknowledgedMs()).isGreaterThanOrEqualTo(50_000L);

        stats.acknowledged();
        assertThat(stats.unacknowledgedMs()).isZero();
    }

    /** A Debezium change envelope with only what the age reads: the source's commit time. */
    private static RecordChangeEvent<SourceRecord> change(long committedMs) {
        Schema source = SchemaBuilder.struct().field("ts_ms", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().field("source", source).build();
        Struct value = new Struct(envelope).put("source", new Struct(source).put("ts_ms", committedMs));
        SourceRecord record = new SourceRecord(Map.of(), Map.of(), "t", null, envelope, value);
        return () -> record;
    }
}
