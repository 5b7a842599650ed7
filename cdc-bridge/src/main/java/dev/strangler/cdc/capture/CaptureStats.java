package dev.strangler.cdc.capture;

import io.debezium.engine.RecordChangeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What one capture has done (published changes, snapshot rows, skipped own writes), and how long its oldest change
 * not yet acknowledged by Kafka has waited. Shown in status and metrics.
 */
public final class CaptureStats {

    private final Counter published;
    private final Counter skippedOwnWrites;
    private final AtomicLong snapshotRows = new AtomicLong();
    private volatile boolean snapshotCompleted;

    /**
     * Whether Debezium's offset file holds a streaming position, i.e. an earlier run finished its snapshot. The file
     * is Kafka Connect's (a serialized map of JSON strings); a position taken during a snapshot carries a
     * {@code snapshot} key, a streaming one does not.
     */
    public static boolean snapshotDoneIn(java.nio.file.Path offsetFile) {
        try {
            if (!java.nio.file.Files.isRegularFile(offsetFile)) {
                return false;
            }
            String text = new String(java.nio.file.Files.readAllBytes(offsetFile),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.contains("\"lsn\"") && !text.contains("\"snapshot\"");
        } catch (java.io.IOException e) {
            return false;
        }
    }
    private volatile Instant lastPublishedAt = Instant.EPOCH;
    private volatile long lastSourceTsMicros;
    /** Source commit time (ms) of the oldest change received from Debezium and not yet acknowledged; 0: none. */
    private volatile long oldestUnacknowledgedMs;

    /**
     * @param snapshotDoneBefore the capture resumes from offsets of a completed snapshot (an earlier run backfilled)
     */
    public CaptureStats(String direction, String table, MeterRegistry meters, boolean snapshotDoneBefore) {
        this.snapshotCompleted = snapshotDoneBefore;
        this.published = Counter.builder("strangler.cdc.captured").tag("direction", direction).tag("table", table)
                .description("Changes captured and acknowledged by Kafka").register(meters);
        this.skippedOwnWrites = Counter.builder("strangler.cdc.loop.skipped").tag("direction", direction).tag("table", table)
                .description("Changes written by the bridge itself, not captured again (loop prevention)")
                .register(meters);
    }

    void published(int count, long sourceTsMicros) {
        published.increment(count);
        lastPublishedAt = Instant.now();
        lastSourceTsMicros = sourceTsMicros;
    }

    /**
     * Debezium handed over a batch: its oldest change waits from here until Kafka acknowledges the batch. A batch
     * that failed is handed over again after the capture restarts, and its first attempt's age stands: the change
     * has waited since then.
     */
    void received(List<RecordChangeEvent<SourceRecord>> batch) {
        if (oldestUnacknowledgedMs == 0 && !batch.isEmpty()) {
            long oldest = SourceRecords.oldestSourceMs(batch);
            oldestUnacknowledgedMs = oldest > 0 ? oldest : System.currentTimeMillis();
        }
    }

    /** Kafka acknowledged everything received so far (or none of it had to be sent). */
    void acknowledged() {
        oldestUnacknowledgedMs = 0;
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

    /**
     * The capture's offsets were dropped with a lost slot ({@code LostSlots}): it reads the table again, so an earlier
     * run's completed snapshot no longer counts until this one's last row is published.
     */
    public void snapshotStartsAgain() {
        snapshotCompleted = false;
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

    /**
     * How long the oldest change received from Debezium and not yet acknowledged by Kafka has waited since its source
     * commit; 0 when none waits. It grows while Kafka is gone (the publish waits for an acknowledgement that does not
     * come) or the vault does not answer, when the appliers receive nothing and their own lag says 0.
     */
    public long unacknowledgedMs() {
        long oldest = oldestUnacknowledgedMs;
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }
}
