package dev.strangler.cdc.capture;

import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.ChangePublisher.Outgoing;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.tracing.CaptureTracing;
import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.OutboxEvent;
import dev.strangler.cdc.translate.OutboxTranslator;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.cdc.translate.UntranslatableChange;
import dev.strangler.extraction.ChangeRecord;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Capture side of a table captured through its outbox (columns {@code id}, {@code aggregate_type},
 * {@code aggregate_id}, {@code event_type}, {@code payload}, {@code trace_id}, {@code span_id}). Only inserts are
 * events; the service may delete old outbox rows, which is no row change. The outbox row carries the request's
 * trace and span ids: the capture span is a child of that span, so the change's way through Kafka and into the other
 * database joins the request's trace. The outbox holds no card number by construction.
 */
public final class OutboxCapture implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final OutboxTranslator outbox;
    private final ChangePublisher publisher;
    private final String topic;
    private final CaptureStats stats;
    private final DeadLetters deadLetters;
    private final CaptureTracing tracing;
    private final String keyField;

    public OutboxCapture(OutboxTranslator outbox, String keyField, ChangePublisher publisher, String topic,
            CaptureStats stats, DeadLetters deadLetters, CaptureTracing tracing) {
        this.outbox = outbox;
        this.keyField = keyField;
        this.tracing = tracing;
        this.publisher = publisher;
        this.topic = topic;
        this.stats = stats;
        this.deadLetters = deadLetters;
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        long startMicros = ChangeTracing.nowMicros();
        stats.received(records);
        List<Outgoing> out = new ArrayList<>();
        int snapshotRows = 0;
        boolean lastSnapshot = false;
        long lastTs = 0;
        for (RecordChangeEvent<SourceRecord> event : records) {
            if (!(event.record().value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
                continue;
            }
            String op = envelope.getString("op");
            if (!op.equals("c") && !op.equals("r")) {
                continue;
            }
            SourcePosition position = SourceRecords.position(envelope);
            Struct after = envelope.getStruct("after");
            OutboxEvent row = OutboxEvent.of(after.getInt64("id"), after.getString("aggregate_type"),
                    after.getString("aggregate_id"), after.getString("event_type"), after.getString("payload"),
                    after.getString("trace_id"), SourceRecords.string(after, "span_id"));
            if (position.snapshot()) {
                snapshotRows++;
                lastSnapshot |= SourceRecords.isLastSnapshotRecord(envelope);
            }
            GenericRecord change;
            try {
                change = outbox.read(row, position);
            } catch (UntranslatableChange e) {
                CapturedChange failed = tracing.deadLettered(row.traceId(), row.spanId(), "UPSERT", startMicros);
                deadLetters.send(row.aggregateId(), row.payload().getBytes(StandardCharsets.UTF_8),
                        "capture: " + e.getMessage(), topic, -1, row.id(), failed.traceparent());
                continue;
            }
            if (change == null) {
                continue;
            }
            String key = String.valueOf(change.get(keyField));
            CapturedChange traced = tracing.started(row.traceId(), row.spanId(), key,
                    String.valueOf(change.get(ChangeRecord.OP)), startMicros);
            String correlation = row.traceId() != null ? row.traceId() : change.get(ChangeRecord.EVENT_ID).toString();
            out.add(new Outgoing(change, key, correlation, traced));
            lastTs = position.tsMicros();
        }
        BatchEnd.finish(publisher, topic, out, lastTs, stats, snapshotRows, lastSnapshot, !records.isEmpty(), records,
                committer);
    }
}
