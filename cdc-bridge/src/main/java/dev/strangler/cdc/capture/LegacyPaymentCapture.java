package dev.strangler.cdc.capture;

import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.ChangePublisher.Outgoing;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.tracing.CaptureTracing;
import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.CardNumber;
import dev.strangler.cdc.translate.CardToken;
import dev.strangler.cdc.translate.LegacyPaymentRow;
import dev.strangler.cdc.translate.PaymentChanges;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.cdc.translate.UntranslatableChange;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * Legacy -> new, capture side: the monolith's {@code payments} rows become {@code PaymentChange} events with the
 * vault's token in place of the card number. The card numbers of a batch are tokenized in one call; the raw row
 * never leaves this class. Rows the bridge itself wrote (stamped {@code cdc_origin = 'cdc-bridge'} by the monolith's
 * trigger) are skipped: that is the loop prevention of the new -> legacy direction.
 */
public final class LegacyPaymentCapture implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    /** The value of the origin marker in the bridge's own transactions. */
    public static final String BRIDGE_ORIGIN = "cdc-bridge";

    private final CardTokenizer tokenizer;
    private final ChangePublisher publisher;
    private final String topic;
    private final CaptureStats stats;
    private final DeadLetters deadLetters;
    private final CaptureTracing tracing;

    public LegacyPaymentCapture(CardTokenizer tokenizer, ChangePublisher publisher, String topic, CaptureStats stats,
            DeadLetters deadLetters, CaptureTracing tracing) {
        this.tracing = tracing;
        this.tokenizer = tokenizer;
        this.deadLetters = deadLetters;
        this.publisher = publisher;
        this.topic = topic;
        this.stats = stats;
    }

    private record Read(@Nullable LegacyPaymentRow row, @Nullable PaymentChange change, SourcePosition position) {
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
                deadLetters.send(keyOf(event.record()), null, "capture: " + e.getClass().getSimpleName() + ": "
                        + e.getMessage(), topic, -1, -1,
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
            if (read.row() != null && read.row().card() != null) {
                cards.add(read.row().card());
            }
            reads.add(read);
        }
        Map<CardNumber, CardToken> tokens = cards.isEmpty() ? Map.of() : tokenizer.tokenize(cards);
        List<Outgoing> out = new ArrayList<>(reads.size());
        long lastTs = 0;
        for (Read r : reads) {
            PaymentChange change = r.change();
            if (r.row() != null) {
                CardNumber card = r.row().card();
                try {
                    change = PaymentChanges.fromLegacy(r.row(), card == null ? null : tokens.get(card), r.position());
                } catch (UntranslatableChange e) {
                    deadLetters.send(Long.toString(r.row().id()), null, "capture: " + e.getMessage(), topic, -1, -1,
                            tracing.deadLettered(null, null, "UPSERT", startMicros).traceparent());
                    continue;
                }
            }
            if (change == null) {
                continue;
            }
            // the monolith's rows carry no trace context: each streamed change starts a trace; the backfill's none
            CapturedChange traced = r.position().snapshot() ? tracing.snapshotRead()
                    : tracing.started(null, null, change.getPaymentId(), change.getOp().name(), startMicros);
            out.add(new Outgoing(change, change.getEventId(), traced));
            lastTs = r.position().tsMicros();
        }
        if (!out.isEmpty()) {
            publisher.publish(topic, out);
            stats.published(out.size(), lastTs);
        }
        stats.acknowledged();
        if (snapshotRows > 0) {
            stats.snapshotRows(snapshotRows, lastSnapshot);
        } else if (!reads.isEmpty()) {
            stats.streaming();
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    /** The change in a record, or null for what is not a payment change (tombstones, the bridge's own writes). */
    private @Nullable Read read(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            return null;
        }
        SourcePosition position = SourceRecords.position(envelope);
        return switch (envelope.getString("op")) {
            case "c", "u", "r" -> {
                LegacyPaymentRow row = row(envelope.getStruct("after"));
                if (BRIDGE_ORIGIN.equals(row.cdcOrigin())) {
                    stats.skippedOwnWrite();
                    yield null;
                }
                yield new Read(row, null, position);
            }
            case "d" -> new Read(null, PaymentChanges.legacyDelete(envelope.getStruct("before").getInt64("id"),
                    position), position);
            case "t" -> new Read(null, PaymentChanges.legacyTruncate(position), position);
            default -> null;
        };
    }

    private static @Nullable String keyOf(SourceRecord record) {
        return record.key() instanceof Struct key && key.schema().field("id") != null
                ? String.valueOf(key.get("id")) : null;
    }

    private static LegacyPaymentRow row(Struct after) {
        String cardColumn = after.getString("card_number");
        return new LegacyPaymentRow(
                after.getInt64("id"),
                after.getInt64("order_id"),
                SourceRecords.decimal(after, "amount"),
                after.getString("currency"),
                after.getString("status"),
                SourceRecords.decimal(after, "captured_amount"),
                SourceRecords.decimal(after, "refunded_amount"),
                after.getString("psp_reference"),
                CardNumber.parseOrNull(cardColumn),
                cardColumn.length() >= 4 ? cardColumn.substring(cardColumn.length() - 4) : cardColumn,
                SourceRecords.timestamp(after, "created_at"),
                SourceRecords.timestamp(after, "updated_at"),
                SourceRecords.string(after, "cdc_origin"));
    }
}
