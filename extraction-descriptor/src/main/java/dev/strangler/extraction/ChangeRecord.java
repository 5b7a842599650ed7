package dev.strangler.extraction;

import java.util.List;

/**
 * The change record a table pair's changes travel as: the envelope (which change, from where, in what order) around
 * the descriptor's fields. Its Avro schema is {@link ChangeRecordSchema}'s.
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
}
