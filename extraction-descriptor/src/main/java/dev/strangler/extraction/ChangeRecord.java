package dev.strangler.extraction;

import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro record a table pair's changes travel as, derived from its descriptor: the envelope (which change, from
 * where, in what order) around the descriptor's fields. Every descriptor field is optional (a delete carries only the
 * key), so adding a field keeps the schema BACKWARD compatible; removing or retyping one does not, and the bridge
 * refuses to start with such a descriptor before it publishes anything.
 */
public final class ChangeRecord {

    public static final String EVENT_ID = "eventId";
    public static final String ORIGIN = "origin";
    public static final String OP = "op";
    public static final String VERSION = "version";
    public static final String SOURCE_LSN = "sourceLsn";
    public static final String SOURCE_TX_ID = "sourceTxId";
    public static final String SOURCE_TS_MICROS = "sourceTsMicros";
    public static final String SNAPSHOT = "snapshot";

    /** The envelope's field names: no descriptor field may take one. */
    public static final List<String> ENVELOPE = List.of(EVENT_ID, ORIGIN, OP, VERSION, SOURCE_LSN, SOURCE_TX_ID,
            SOURCE_TS_MICROS, SNAPSHOT);

    /** Where a change was captured. */
    public enum Origin { LEGACY, SERVICE }

    /** What happened to the row. */
    public enum Op { UPSERT, DELETE, TRUNCATE }

    private ChangeRecord() {
    }

    /** The record's schema: envelope first, the key, the descriptor's fields in order, then the source position. */
    public static Schema schema(TablePair pair) {
        int dot = pair.record().lastIndexOf('.');
        String namespace = pair.record().substring(0, dot);
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record(pair.record().substring(dot + 1))
                .namespace(namespace)
                .doc("One change of one row of the table pair '" + pair.name() + "', derived from its extraction"
                        + " descriptor. New fields need defaults (BACKWARD).")
                .fields();
        f.name(EVENT_ID).doc("Unique per source change.").type().stringType().noDefault();
        f.name(ORIGIN).doc("The database the change was captured from.").type()
                .enumeration("ChangeOrigin").namespace(namespace).symbols(names(Origin.values())).noDefault();
        f.name(OP).type().enumeration("ChangeOp").namespace(namespace).symbols(names(Op.values())).noDefault();
        FieldSpec key = pair.keyField();
        f.name(key.name()).doc("The row's key, the same on both sides.").type(avro(key.type())).noDefault();
        for (FieldSpec field : pair.fields()) {
            if (field.key()) {
                continue;
            }
            for (String name : field.recordFields()) {
                Schema type = field.type() == FieldType.CARD ? Schema.create(Schema.Type.STRING) : avro(field.type());
                f.name(name).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null);
            }
        }
        f.name(VERSION).doc("The service's count of the row's changes, when it keeps one: orders its changes.")
                .type(Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT)))
                .withDefault(null);
        f.name(SOURCE_LSN).doc("The WAL position of the change in its source database.").type().longType().noDefault();
        f.name(SOURCE_TX_ID).type(Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)))
                .withDefault(null);
        f.name(SOURCE_TS_MICROS).doc("When the source transaction committed (microseconds since the epoch).").type()
                .longType().noDefault();
        f.name(SNAPSHOT).doc("Read by the initial snapshot (backfill), not streamed.").type().booleanType()
                .booleanDefault(false);
        return f.endRecord();
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name();
        }
        return out;
    }

    static Schema avro(FieldType type) {
        return switch (type) {
            case STRING, CARD -> Schema.create(Schema.Type.STRING);
            case LONG -> Schema.create(Schema.Type.LONG);
            case INT -> Schema.create(Schema.Type.INT);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case TIMESTAMP -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        };
    }
}
