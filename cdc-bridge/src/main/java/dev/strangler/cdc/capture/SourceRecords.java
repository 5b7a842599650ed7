package dev.strangler.cdc.capture;

import dev.strangler.cdc.translate.SourcePosition;
import io.debezium.engine.RecordChangeEvent;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/** Reading Debezium's PostgreSQL change envelope ({@code op}, {@code before}, {@code after}, {@code source}). */
final class SourceRecords {

    private SourceRecords() {
    }

    static SourcePosition position(Struct envelope) {
        Struct source = envelope.getStruct("source");
        Long lsn = source.getInt64("lsn");
        Long tsUs = source.schema().field("ts_us") != null ? source.getInt64("ts_us") : null;
        long ts = tsUs != null ? tsUs : source.getInt64("ts_ms") * 1000;
        return new SourcePosition(lsn == null ? 0 : lsn, source.getInt64("txId"), ts, isSnapshot(source));
    }

    /** The earliest source commit time (ms) of the batch's change envelopes; 0 when none carries one. */
    static long oldestSourceMs(List<RecordChangeEvent<SourceRecord>> batch) {
        long oldest = Long.MAX_VALUE;
        for (RecordChangeEvent<SourceRecord> event : batch) {
            if (event.record().value() instanceof Struct envelope && envelope.schema().field("source") != null) {
                Long ts = envelope.getStruct("source").getInt64("ts_ms");
                if (ts != null && ts > 0) {
                    oldest = Math.min(oldest, ts);
                }
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : oldest;
    }

    static boolean isSnapshot(Struct source) {
        String s = source.schema().field("snapshot") == null ? null : source.getString("snapshot");
        return s != null && !s.equals("false");
    }

    /** Whether this record is the initial snapshot's last. */
    static boolean isLastSnapshotRecord(Struct envelope) {
        Struct source = envelope.getStruct("source");
        String s = source.schema().field("snapshot") == null ? null : source.getString("snapshot");
        return "last".equals(s);
    }

    static @Nullable String string(Struct row, String field) {
        return row.schema().field(field) == null ? null : row.getString(field);
    }
}
