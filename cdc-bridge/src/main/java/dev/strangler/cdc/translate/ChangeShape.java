package dev.strangler.cdc.translate;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.ChangeRecordSchema;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.TablePair;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.jspecify.annotations.Nullable;

/**
 * The change record of one table pair: its Avro schema (derived from the descriptor, {@link ChangeRecordSchema}) and
 * the positions of the envelope's fields in it, so that the hot paths put and get by index, not by name.
 */
public final class ChangeShape {

    private final TablePair pair;
    private final Schema schema;
    private final GenericData.EnumSymbol[] origins;
    private final GenericData.EnumSymbol[] ops;
    private final int eventId;
    private final int origin;
    private final int op;
    private final int key;
    private final int version;
    private final int sourceLsn;
    private final int sourceTxId;
    private final int sourceTsMicros;
    private final int snapshot;
    private final int updatedAt;

    private ChangeShape(TablePair pair) {
        this.pair = pair;
        FieldSpec keyField = pair.keyField();
        if (keyField.type() != FieldType.LONG && keyField.type() != FieldType.INT) {
            throw new IllegalArgumentException("table pair '" + pair.name() + "': the bridge keys rows by a whole"
                    + " number, and the key field '" + keyField.name() + "' is a " + keyField.type());
        }
        this.schema = ChangeRecordSchema.of(pair);
        Schema originSchema = schema.getField(ChangeRecord.ORIGIN).schema();
        Schema opSchema = schema.getField(ChangeRecord.OP).schema();
        this.origins = new GenericData.EnumSymbol[ChangeRecord.Origin.values().length];
        for (ChangeRecord.Origin o : ChangeRecord.Origin.values()) {
            origins[o.ordinal()] = new GenericData.EnumSymbol(originSchema, o.name());
        }
        this.ops = new GenericData.EnumSymbol[ChangeRecord.Op.values().length];
        for (ChangeRecord.Op o : ChangeRecord.Op.values()) {
            ops[o.ordinal()] = new GenericData.EnumSymbol(opSchema, o.name());
        }
        this.eventId = position(ChangeRecord.EVENT_ID);
        this.origin = position(ChangeRecord.ORIGIN);
        this.op = position(ChangeRecord.OP);
        this.key = position(keyField.name());
        this.version = position(ChangeRecord.VERSION);
        this.sourceLsn = position(ChangeRecord.SOURCE_LSN);
        this.sourceTxId = position(ChangeRecord.SOURCE_TX_ID);
        this.sourceTsMicros = position(ChangeRecord.SOURCE_TS_MICROS);
        this.snapshot = position(ChangeRecord.SNAPSHOT);
        this.updatedAt = pair.updatedAtField().map(f -> position(f.name())).orElse(-1);
    }

    public static ChangeShape of(TablePair pair) {
        return new ChangeShape(pair);
    }

    public TablePair pair() {
        return pair;
    }

    public Schema schema() {
        return schema;
    }

    /** The index of a field of the record; throws for a name the record does not have. */
    public int position(String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalArgumentException("the change record of '" + pair.name() + "' has no field " + field);
        }
        return f.pos();
    }

    /** A new change with its envelope filled in; the fields follow. */
    public GenericRecord envelope(ChangeRecord.Origin from, ChangeRecord.Op what, long rowKey,
            SourcePosition position, String id) {
        GenericData.Record r = new GenericData.Record(schema);
        r.put(eventId, id);
        r.put(origin, origins[from.ordinal()]);
        r.put(op, ops[what.ordinal()]);
        r.put(key, pair.keyField().type() == FieldType.INT ? (Object) (int) rowKey : (Object) rowKey);
        r.put(sourceLsn, position.lsn());
        r.put(sourceTxId, position.txId());
        r.put(sourceTsMicros, position.tsMicros());
        r.put(snapshot, position.snapshot());
        return r;
    }

    /** A record read from Kafka, seen through its envelope. */
    public Change view(GenericRecord record) {
        return new Change(this, record);
    }

    int keyPos() {
        return key;
    }

    int versionPos() {
        return version;
    }

    int eventIdPos() {
        return eventId;
    }

    int originPos() {
        return origin;
    }

    int opPos() {
        return op;
    }

    int sourceLsnPos() {
        return sourceLsn;
    }

    int sourceTsMicrosPos() {
        return sourceTsMicros;
    }

    int updatedAtPos() {
        return updatedAt;
    }

    static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
