package dev.strangler.cdc.capture;

import dev.strangler.cdc.avro.PaymentChange;
import dev.strangler.cdc.publish.ChangePublisher;
import dev.strangler.cdc.publish.ChangePublisher.Outgoing;
import dev.strangler.cdc.publish.DeadLetters;
import dev.strangler.cdc.tracing.CaptureTracing;
import dev.strangler.cdc.tracing.CapturedChange;
import dev.strangler.cdc.tracing.ChangeTracing;
import dev.strangler.cdc.translate.OutboxEvent;
import dev.strangler.cdc.translate.PaymentChanges;
import dev.strangler.cdc.translate.SourcePosition;
import dev.strangler.cdc.translate.UntranslatableChange;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * New -> legacy, capture side: the payment service's outbox. Only inserts are events; the service may delete old
 * outbox rows, which is not a payment change. The outbox row carries the request's trace and span ids: the capture
 * span is a child of that span, so the change's way through Kafka and into the monolith joins the request's trace.
 * The outbox holds no card number by construction.
 */
public final class OutboxCapture implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final ChangePublisher publisher;
    private final String topic;
    private final CaptureStats stats;
    private final DeadLetters deadLetters;
    private final CaptureTracing tracing;

    public OutboxCapture(ChangePublisher publisher, String topic, CaptureStats stats, DeadLetters deadLetters,
            CaptureTracing tracing) {
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
            OutboxEvent outbox = OutboxEvent.of(after.getInt64("id"), after.getString("aggregate_type"),
                    after.getString("aggregate_id"), after.getString("event_type"), after.getString("payload"),
                    after.getString("trace_id"), SourceRecords.string(after, "span_id"));
            if (position.snapshot()) {
                snapshotRows++;
                lastSnapshot |= SourceRecords.isLastSnapshotRecord(envelope);
            }
            PaymentChange change;
            try {
                change = PaymentChanges.fromOutbox(outbox, position);
            } catch (UntranslatableChange e) {
                CapturedChange failed = tracing.deadLettered(outbox.traceId(), outbox.spanId(), "UPSERT",
                        startMicros);
                deadLetters.send(outbox.aggregateId(), after.getString("payload").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), "capture: " + e.getMessage(), topic, -1, outbox.id(),
                        failed.traceparent());
                continue;
            }
            if (change == null) {
                continue;
            }
            CapturedChange traced = tracing.started(outbox.traceId(), outbox.spanId(), change.getPaymentId(),
                    change.getOp().name(), startMicros);
            String correlation = outbox.traceId() != null ? outbox.traceId() : change.getEventId();
            out.add(new Outgoing(change, correlation, traced));
            lastTs = position.tsMicros();
        }
        if (!out.isEmpty()) {
            publisher.publish(topic, out);
            stats.published(out.size(), lastTs);
        }
        stats.acknowledged();
        if (snapshotRows > 0) {
            stats.snapshotRows(snapshotRows, lastSnapshot);
        } else if (!records.isEmpty()) {
            stats.streaming();
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }
}
