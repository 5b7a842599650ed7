package dev.strangler.cdc.capture;

import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.ChangePublisher.Outgoing;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * How every capture ends a Debezium batch: publish what it translated and wait for Kafka's acknowledgements, count
 * it, and only then mark the batch's offsets processed, so that a crash replays at most this batch.
 */
final class BatchEnd {

    private BatchEnd() {
    }

    /**
     * @param lastTsMicros   the source commit time of the last change published
     * @param snapshotRows   rows of the batch read by the initial snapshot
     * @param lastSnapshot   the batch holds the snapshot's last row
     * @param streamed       the batch holds changes that are not snapshot reads
     */
    static void finish(ChangePublisher publisher, String topic, List<Outgoing> out, long lastTsMicros,
            CaptureStats stats, int snapshotRows, boolean lastSnapshot, boolean streamed,
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        if (!out.isEmpty()) {
            publisher.publish(topic, out);
            stats.published(out.size(), lastTsMicros);
        }
        stats.acknowledged();
        if (snapshotRows > 0) {
            stats.snapshotRows(snapshotRows, lastSnapshot);
        } else if (streamed) {
            stats.streaming();
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }
}
