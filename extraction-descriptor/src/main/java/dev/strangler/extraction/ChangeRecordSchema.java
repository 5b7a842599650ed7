package dev.strangler.extraction;

import static dev.strangler.extraction.ChangeRecord.EVENT_ID;
import static dev.strangler.extraction.ChangeRecord.OP;
import static dev.strangler.extraction.ChangeRecord.ORIGIN;
import static dev.strangler.extraction.ChangeRecord.SNAPSHOT;
import static dev.strangler.extraction.ChangeRecord.SOURCE_LSN;
import static dev.strangler.extraction.ChangeRecord.SOURCE_TS_MICROS;
import static dev.strangler.extraction.ChangeRecord.SOURCE_TX_ID;
import static dev.strangler.extraction.ChangeRecord.VERSION;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro schema of a table pair's change record, derived from its descriptor. Every descriptor field is optional (a
 * delete carries only the key), so adding a field keeps the schema BACKWARD compatible; retyping one does not, and the
 * bridge refuses such a descriptor before it publishes anything. Avro is an optional dependency of this jar: only
 * what publishes or reads changes (the CDC bridge) needs it.
 */
public final class ChangeRecordSchema {

    private ChangeRecordSchema() {
    }

    /** The record's schema: envelope first, the key, the descriptor's fields in order, then the source position. */
    public static Schema of(TablePair pair) {
        int dot = pair.record().lastIndexOf('.');
        String namespace = pair.record().substring(0, dot);
        SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record(pair.record().substring(dot + 1))
                .namespace(namespace)
                .doc("One change of one row of the table pair '" + pair.name() + "', derived from its extraction"
                        + " descriptor. New fields need defaults (BACKWARD).")
                .fields();
        f.name(EVENT_ID).doc("Unique per source change.").type().stringType().noDefault();
        f.name(ORIGIN).doc("The database the change was captured from.").type()
                .enumeration("ChangeOrigin").namespace(namespace).symbols(names(ChangeRecord.Origin.values())).noDefault();
        f.name(OP).type().enumeration("ChangeOp").namespace(namespace).symbols(names(ChangeRecord.Op.values())).noDefault();
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
