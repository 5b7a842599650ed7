package dev.strangler.cdc.tracing;

import brave.Span;
import brave.Tracer;
import brave.Tracing;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The capture side of one direction: for each captured change a {@code capture <table>} span and, as its child, the
 * {@code publish <topic>} producer span whose context the record carries. The names are made once per direction,
 * not per record.
 */
public final class CaptureTracing {

    private final ChangeTracing tracing;
    private final String direction;
    private final String table;
    private final String topic;
    private final String captureName;
    private final String publishName;

    CaptureTracing(ChangeTracing tracing, String direction, String table, String topic) {
        this.tracing = tracing;
        this.direction = direction;
        this.table = table;
        this.topic = topic;
        this.captureName = "capture " + table;
        this.publishName = "publish " + topic;
    }

    /**
     * Starts the spans of a change captured at {@code startMicros}. With the ids of the span that wrote it (an
     * outbox row), the capture span is that span's child and joins the request's trace; with a trace id alone it
     * stays in that trace as a root; with neither (a monolith row) it starts a new trace. Whether a new trace is
     * recorded is the sampler's decision ({@code management.tracing.sampling.probability}); an unrecorded one still
     * has ids, which the record carries.
     */
    public CapturedChange started(@Nullable String traceId, @Nullable String spanId, String rowKey,
            String operation, long startMicros) {
        Tracing t = tracing.tracing();
        if (t == null) {
            return CapturedChange.propagationOnly(traceId);
        }
        Tracer tracer = t.tracer();
        Span capture = captureSpan(t, traceId, spanId);
        if (!capture.isNoop()) {
            // identifiers only: the row's values (a monolith row holds a card number) never go into a span
            capture.name(captureName).tag(ChangeTracing.TABLE, table).tag(ChangeTracing.OPERATION, operation)
                    .tag(ChangeTracing.DIRECTION, direction).tag(ChangeTracing.ROW_KEY, rowKey)
                    .start(startMicros);
        }
        Span publish = tracer.newChild(capture.context());
        if (!publish.isNoop()) {
            publish.name(publishName).kind(Span.Kind.PRODUCER).remoteServiceName(ChangeTracing.REMOTE_SERVICE)
                    .tag(ChangeTracing.TOPIC, topic).tag(ChangeTracing.DIRECTION, direction);
        }
        return new CapturedChange(tracing, capture, publish);
    }

    /**
     * A row read by the initial snapshot (the backfill of the table as it was). No request caused it, so its trace is
     * not recorded: a lab's first start would otherwise put thousands of root traces (four spans per seeded row) in
     * front of the requests' traces in Zipkin. It still gets ids, which the record carries with the not-sampled flag,
     * so the apply side records nothing for it either.
     */
    public CapturedChange snapshotRead() {
        Tracing t = tracing.tracing();
        if (t == null) {
            return CapturedChange.propagationOnly(null);
        }
        Span capture = t.tracer().nextSpan(TraceContextOrSamplingFlags.NOT_SAMPLED);
        return new CapturedChange(tracing, capture, t.tracer().newChild(capture.context()));
    }

    /**
     * A change that failed at capture and goes to the dead letters instead of the topic: a finished capture span
     * ({@code outcome=dead-lettered}) whose context the dead letter carries.
     */
    public CapturedChange deadLettered(@Nullable String traceId, @Nullable String spanId, String operation,
            long startMicros) {
        Tracing t = tracing.tracing();
        if (t == null) {
            return CapturedChange.propagationOnly(traceId);
        }
        Span capture = captureSpan(t, traceId, spanId);
        if (!capture.isNoop()) {
            capture.name(captureName).tag(ChangeTracing.TABLE, table).tag(ChangeTracing.OPERATION, operation)
                    .tag(ChangeTracing.DIRECTION, direction).tag(ChangeTracing.OUTCOME, ApplyTracing.DEAD_LETTERED)
                    .start(startMicros);
            capture.finish(ChangeTracing.nowMicros());
        }
        return new CapturedChange(tracing, capture, null);
    }

    private static Span captureSpan(Tracing t, @Nullable String traceId, @Nullable String spanId) {
        if (traceId == null || traceId.length() != 32 && traceId.length() != 16 || !isHex(traceId)) {
            return t.tracer().newTrace();
        }
        long high = traceId.length() == 32 ? Long.parseUnsignedLong(traceId, 0, 16, 16) : 0;
        long low = Long.parseUnsignedLong(traceId, traceId.length() - 16, traceId.length(), 16);
        long parent = spanId != null && spanId.length() == 16 && isHex(spanId)
                ? Long.parseUnsignedLong(spanId, 0, 16, 16) : 0;
        if (low == 0) {
            return t.tracer().newTrace();
        }
        TraceContext context = TraceContext.newBuilder().traceIdHigh(high).traceId(low)
                .spanId(parent != 0 ? parent : nonZeroRandom())
                // the writer's sampling decision does not travel in the outbox: this bridge's sampler decides
                .sampled(t.sampler().isSampled(low)).build();
        // with the writer's span a child of it; with its trace id only, a second root in that trace
        return parent != 0 ? t.tracer().newChild(context) : t.tracer().toSpan(context);
    }

    /** Lower-case hex only, as W3C and Micrometer Tracing write ids. */
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static long nonZeroRandom() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }
}
