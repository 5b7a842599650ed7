package dev.strangler.cdc.tracing;

import brave.Span;
import brave.Tracer;
import brave.Tracing;
import brave.propagation.TraceContextOrSamplingFlags;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The apply side of one direction: per record a {@code consume <topic>} consumer span whose parent is the publish
 * span in the record's headers, and an {@code apply <table>} child around the database write.
 *
 * <p>Why one apply span per record, although a batch is applied set-based in one transaction: a single batch span
 * cannot have many parents, and Zipkin has no span links (Brave would flatten them into tags), so a batch span
 * would cut every record's trace at its consumer span. Per-record children keep each trace whole down to the row
 * write; they share the batch's timestamps (read once per batch), so their cost is the span objects alone, a few
 * microseconds per record, against the ~100 us of CPU a record costs the bridge.
 */
public final class ApplyTracing {

    /** {@code outcome} tag values. */
    public static final String APPLIED = "applied";
    public static final String SKIPPED_STALE = "skipped-stale";
    public static final String SKIPPED_CONFLICT = "skipped-conflict";
    public static final String DEAD_LETTERED = "dead-lettered";

    private final ChangeTracing tracing;
    private final String direction;
    private final String table;
    private final String topic;
    private final String consumeName;
    private final String applyName;

    ApplyTracing(ChangeTracing tracing, String direction, String table, String topic) {
        this.tracing = tracing;
        this.direction = direction;
        this.table = table;
        this.topic = topic;
        this.consumeName = "consume " + topic;
        this.applyName = "apply " + table;
    }

    /** The trace context a polled record carries (empty without one, or with tracing off). */
    public TraceContextOrSamplingFlags parent(Headers headers) {
        return tracing.extract(headers);
    }

    /**
     * A record polled at {@code polledMicros}, written in the transaction from {@code applyMicros} to
     * {@code endMicros} (or skipped there, see {@code outcome}).
     */
    public void applied(TraceContextOrSamplingFlags parent, int partition, long offset, String operation,
            String outcome, long polledMicros, long applyMicros, long endMicros) {
        Span consume = consume(parent, partition, offset, outcome, polledMicros);
        if (consume == null) {
            return;
        }
        Span apply = tracer().newChild(consume.context());
        if (!apply.isNoop()) {
            apply.name(applyName).tag(ChangeTracing.TABLE, table).tag(ChangeTracing.OPERATION, operation)
                    .tag(ChangeTracing.DIRECTION, direction).tag(ChangeTracing.OUTCOME, outcome).start(applyMicros);
            apply.finish(endMicros);
        }
        consume.finish(endMicros);
    }

    /** A record that never reached the database (unreadable, so dead-lettered): its consumer span only. */
    public void notApplied(TraceContextOrSamplingFlags parent, int partition, long offset, String outcome,
            long polledMicros, long endMicros) {
        Span consume = consume(parent, partition, offset, outcome, polledMicros);
        if (consume != null) {
            consume.finish(endMicros);
        }
    }

    private @Nullable Span consume(TraceContextOrSamplingFlags parent, int partition,
            long offset, String outcome, long polledMicros) {
        // unsampled upstream: nothing to build (the headers already did their job)
        if (tracing.tracing() == null || Boolean.FALSE.equals(parent.sampled())) {
            return null;
        }
        Span consume = tracer().nextSpan(parent);
        if (consume.isNoop()) {
            return null;
        }
        consume.name(consumeName).kind(Span.Kind.CONSUMER).remoteServiceName(ChangeTracing.REMOTE_SERVICE)
                .tag(ChangeTracing.TOPIC, topic).tag(ChangeTracing.PARTITION, ChangeTracing.partitionName(partition))
                .tag(ChangeTracing.OFFSET, Long.toString(offset)).tag(ChangeTracing.DIRECTION, direction)
                .tag(ChangeTracing.OUTCOME, outcome).start(polledMicros);
        return consume;
    }

    private Tracer tracer() {
        Tracing t = tracing.tracing();
        if (t == null) {
            throw new IllegalStateException("tracing is off");
        }
        return t.tracer();
    }
}
