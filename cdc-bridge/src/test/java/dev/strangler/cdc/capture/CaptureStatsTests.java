package dev.strangler.cdc.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CaptureStatsTests {

    @Test
    void aSnapshotThatStartsAgainIsNotCompletedUntilItsLastRow() {
        CaptureStats stats = new CaptureStats("legacy-to-service", new SimpleMeterRegistry(), true);
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
        CaptureStats stats = new CaptureStats("service-to-legacy", new SimpleMeterRegistry(), false);
        assertThat(stats.snapshotCompleted()).isFalse();
        stats.streaming();
        assertThat(stats.snapshotCompleted()).isTrue();
    }
}
