package dev.strangler.cdc.translate;

import dev.strangler.extraction.ChangeRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * One change of one row, as it travels: the Avro record of its table pair ({@link ChangeShape}) and what the applier
 * needs to know about it (row key, operation, origin, its place in the row's history).
 */
public final class Change {

    private final ChangeShape shape;
    private final GenericRecord record;

    Change(ChangeShape shape, GenericRecord record) {
        this.shape = shape;
        this.record = record;
    }

    public GenericRecord record() {
        return record;
    }

    public ChangeShape shape() {
        return shape;
    }

    public long key() {
        return ((Number) record.get(shape.keyPos())).longValue();
    }

    public ChangeRecord.Op op() {
        return ChangeRecord.Op.valueOf(record.get(shape.opPos()).toString());
    }

    public ChangeRecord.Origin origin() {
        return ChangeRecord.Origin.valueOf(record.get(shape.originPos()).toString());
    }

    public String eventId() {
        return record.get(shape.eventIdPos()).toString();
    }

    public @Nullable Integer version() {
        return (Integer) record.get(shape.versionPos());
    }

    public long sourceLsn() {
        return (Long) record.get(shape.sourceLsnPos());
    }

    public long sourceTsMicros() {
        return (Long) record.get(shape.sourceTsMicrosPos());
    }

    /**
     * The change's place in its row's history: the version the captured side counts, when it keeps one (a service's
     * optimistic version: its changes in the order it made them), else the WAL position.
     */
    public long position() {
        Integer v = version();
        return v != null ? v : sourceLsn();
    }

    /** The row's last-change time the change carries (the descriptor's {@code updated-at} field), or null. */
    public @Nullable Instant updatedAt() {
        int pos = shape.updatedAtPos();
        Object micros = pos < 0 ? null : record.get(pos);
        return micros == null ? null : Instant.EPOCH.plus((Long) micros, ChronoUnit.MICROS);
    }

    /** The value of a record field (Avro's form: timestamps as microseconds, strings as CharSequence). */
    public @Nullable Object get(int position) {
        return record.get(position);
    }
}
