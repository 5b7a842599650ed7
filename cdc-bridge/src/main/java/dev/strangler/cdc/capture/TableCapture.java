package dev.strangler.cdc.capture;

import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.ChangePublisher.Outgoing;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.tracing.CaptureTracing;
import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.BridgeOrigin;
import dev.strangler.cdc.translate.CardNumber;
import dev.strangler.cdc.translate.CardToken;
import dev.strangler.cdc.translate.RowTranslator;
import dev.strangler.cdc.translate.RowTranslator.Captured;
import dev.strangler.cdc.translate.RowTranslator.PendingCard;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.cdc.translate.UntranslatableChange;
import dev.strangler.extraction.ChangeRecord;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * Capture side of a table captured as itself: each row change becomes its table pair's change record, with the
 * vault's token in place of a card number (the card numbers of a batch are tokenized in one call; the raw row never
 * leaves this class). The bridge's own writes are skipped ({@link BridgeOrigin}): rows stamped with its origin by the
 * table's trigger, and every change of a transaction that opened with its logical decoding message (a delete carries
 * no stamp). That is the loop prevention of the other direction.
 */
public final class TableCapture implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    /** The bridge's transactions seen lately (their opening message), by id: enough for any batch in flight. */
    private static final int REMEMBERED_TRANSACTIONS = 4096;

    private final RowTranslator rows;
    private final String originColumn;
    private final CardTokenizer tokenizer;
    private final ChangePublisher publisher;
    private final String topic;
    private final CaptureStats stats;
    private final DeadLetters deadLetters;
    private final CaptureTracing tracing;
    private final Set<Long> bridgeTransactions = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > REMEMBERED_TRANSACTIONS;
                }
            });

    public TableCapture(RowTranslator rows, String originColumn, CardTokenizer tokenizer, ChangePublisher publisher,
            String topic, CaptureStats stats, DeadLetters deadLetters, CaptureTracing tracing) {
        this.rows = rows;
        this.originColumn = originColumn;
        this.tracing = tracing;
        this.tokenizer = tokenizer;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.topic = topic;
        this.stats = stats;
    }

    /** A change read from a record: a row waiting for its tokens, or a complete delete or truncate. */
    private record Read(@Nullable Captured row, @Nullable GenericRecord change, SourcePosition position, String op) {
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        long startMicros = ChangeTracing.nowMicros();
        stats.received(records);
        List<Read> reads = new ArrayList<>(records.size());
        Set<CardNumber> cards = new LinkedHashSet<>();
        int snapshotRows = 0;
        boolean lastSnapshot = false;
        for (RecordChangeEvent<SourceRecord> event : records) {
            Read read;
            try {
                read = read(event.record());
            } catch (RuntimeException e) {
                // a row this bridge cannot read: its key and the reason go to the dead letters, never its values
                String reason = e instanceof UntranslatableChange ? e.getMessage()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                deadLetters.send(keyOf(event.record()), null, "capture: " + reason, topic, -1, -1,
                        tracing.deadLettered(null, null, "UNKNOWN", startMicros).traceparent());
                continue;
            }
            if (read == null) {
                continue;
            }
            if (read.position().snapshot()) {
                snapshotRows++;
                lastSnapshot |= SourceRecords.isLastSnapshotRecord((Struct) event.record().value());
            }
            if (read.row() != null) {
                for (PendingCard card : read.row().cards()) {
                    CardNumber number = card.number();
                    if (number != null) {
                        cards.add(number);
                    }
                }
            }
            reads.add(read);
        }
        Map<CardNumber, CardToken> tokens = cards.isEmpty() ? Map.of() : tokenizer.tokenize(cards);
        List<Outgoing> out = new ArrayList<>(reads.size());
        long lastTs = 0;
        for (Read r : reads) {
            GenericRecord change = r.row() != null ? rows.complete(r.row(), tokens) : r.change();
            if (change == null) {
                continue;
            }
            String key = String.valueOf(change.get(rows.keyField()));
            // the rows carry no trace context: each streamed change starts a trace; the backfill's none
            CapturedChange traced = r.position().snapshot() ? tracing.snapshotRead()
                    : tracing.started(null, null, key, r.op(), startMicros);
            out.add(new Outgoing(change, key, change.get(ChangeRecord.EVENT_ID).toString(), traced));
            lastTs = r.position().tsMicros();
        }
        BatchEnd.finish(publisher, topic, out, lastTs, stats, snapshotRows, lastSnapshot, !reads.isEmpty(), records,
                committer);
    }

    /** The change in a record, or null for what is no row change (tombstones, the bridge's own writes). */
    private @Nullable Read read(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            return null;
        }
        SourcePosition position = SourceRecords.position(envelope);
        String op = envelope.getString("op");
        if (op.equals("m")) {
            rememberBridgeTransaction(envelope, position);
            return null;
        }
        if (position.txId() != null && bridgeTransactions.contains(position.txId())) {
            stats.skippedOwnWrite();
            return null;
        }
        return switch (op) {
            case "c", "u", "r" -> {
                Struct after = envelope.getStruct("after");
                if (BridgeOrigin.VALUE.equals(SourceRecords.string(after, originColumn))) {
                    stats.skippedOwnWrite();
                    yield null;
                }
                yield new Read(rows.read(StructRows.of(after), position), null, position, "UPSERT");
            }
            case "d" -> new Read(null, rows.delete(StructRows.value(envelope.getStruct("before"), rows.keyColumn()),
                    position), position, "DELETE");
            case "t" -> new Read(null, rows.truncate(position), position, "TRUNCATE");
            default -> null;
        };
    }

    /** A logical decoding message: the bridge's opens each of its transactions on this table. */
    private void rememberBridgeTransaction(Struct envelope, SourcePosition position) {
        Struct message = envelope.schema().field("message") == null ? null : envelope.getStruct("message");
        if (message == null || position.txId() == null
                || !BridgeOrigin.MESSAGE_PREFIX.equals(message.getString("prefix"))) {
            return;
        }
        Object content = message.get("content");
        byte[] bytes = content instanceof byte[] b ? b : content instanceof java.nio.ByteBuffer buffer
                ? java.util.Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
                        buffer.arrayOffset() + buffer.limit())
                : String.valueOf(content).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (BridgeOrigin.VALUE.equals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))) {
            bridgeTransactions.add(position.txId());
        }
    }

    private @Nullable String keyOf(SourceRecord record) {
        return record.key() instanceof Struct key && key.schema().field(rows.keyColumn()) != null
                ? String.valueOf(key.get(rows.keyColumn())) : null;
    }
}
