package dev.strangler.playbook.traffic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    @Test
    void percentilesOfAUniformSpreadAreWithinTheBucketError() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(100_000);
        assertThat((double) h.percentileMicros(50)).isCloseTo(50_000, within(50_000 * 0.016));
        assertThat((double) h.percentileMicros(99)).isCloseTo(99_000, within(99_000 * 0.016));
        assertThat(h.percentileMicros(100)).isEqualTo(100_000);
        assertThat(h.maxMicros()).isEqualTo(100_000);
    }

    @Test
    void smallValuesAreExactAndAFewSlowOnesShowInTheTailOnly() {
        LatencyHistogram h = new LatencyHistogram();
        IntStream.range(0, 980).forEach(i -> h.record(100));
        IntStream.range(0, 20).forEach(i -> h.record(30_000_000)); // 30 s: a stalled request
        assertThat(h.percentileMicros(50)).isEqualTo(100);
        assertThat(h.percentileMicros(98)).isEqualTo(100);
        assertThat((double) h.percentileMicros(99)).isCloseTo(30_000_000, within(30_000_000 * 0.016));
    }

    @Test
    void anEmptyHistogramSaysZeroAndNegativeSamplesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.percentileMicros(99)).isZero();
        h.record(-5);
        assertThat(h.percentileMicros(50)).isZero();
        assertThat(h.count()).isEqualTo(1);
    }

    @Test
    void bucketsCoverEveryLongWithoutOverlap() {
        long previousUpper = -1;
        for (int b = 0; b < LatencyHistogram.bucket(Long.MAX_VALUE); b++) {
            long upper = LatencyHistogram.upperBound(b);
            assertThat(upper).as("bucket %d", b).isGreaterThan(previousUpper);
            assertThat(LatencyHistogram.bucket(upper)).isEqualTo(b);
            assertThat(LatencyHistogram.bucket(previousUpper + 1)).isEqualTo(b);
            previousUpper = upper;
        }
    }
}
