package dev.strangler.cdc.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** What one capture has done: published changes, snapshot rows, skipped own writes. Shown in status and metrics. */
public final class CaptureStats {

    private final Counter published;
    private final Counter skippedOwnWrites;
    private final AtomicLong snapshotRows = new AtomicLong();
    private volatile boolean snapshotCompleted;
    private volatile Instant lastPublishedAt = Instant.EPOCH;
    private volatile long lastSourceTsMicros;

    public CaptureStats(String direction, MeterRegistry meters) {
        this.published = Counter.builder("strangler.cdc.captured").tag("direction", direction)
                .description("Changes captured and acknowledged by Kafka").register(meters);
        this.skippedOwnWrites = Counter.builder("strangler.cdc.loop.skipped").tag("direction", direction)
                .description("Changes written by the bridge itself, not captured again (loop prevention)")
                .register(meters);
    }

    void published(int count, long sourceTsMicros) {
        published.increment(count);
        lastPublishedAt = Instant.now();
        lastSourceTsMicros = sourceTsMicros;
    }

    void snapshotRows(int count, boolean last) {
        snapshotRows.addAndGet(count);
        if (last) {
            snapshotCompleted = true;
        }
    }

    void streaming() {
        snapshotCompleted = true;
    }

    void skippedOwnWrite() {
        skippedOwnWrites.increment();
    }

    public long published() {
        return (long) published.count();
    }

    public long skippedOwnWrites() {
        return (long) skippedOwnWrites.count();
    }

    public long snapshotRows() {
        return snapshotRows.get();
    }

    /** True once the initial snapshot's last row was published, or streaming began. */
    public boolean snapshotCompleted() {
        return snapshotCompleted;
    }

    public Instant lastPublishedAt() {
        return lastPublishedAt;
    }

    public long lastSourceTsMicros() {
        return lastSourceTsMicros;
    }
}
