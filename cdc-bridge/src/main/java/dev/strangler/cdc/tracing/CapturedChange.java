package dev.strangler.cdc.tracing;

import brave.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The spans of one captured change on its way to Kafka: the capture span ends when publishing starts, the publish
 * span when Kafka acknowledged the batch. The record carries the publish span's context.
 */
public final class CapturedChange {

    private static final String TRACEPARENT = "traceparent";

    private final @Nullable ChangeTracing tracing;
    private final @Nullable Span capture;
    private final @Nullable Span publish;
    private final @Nullable String fixedTraceparent;

    CapturedChange(ChangeTracing tracing, Span capture, @Nullable Span publish) {
        this.tracing = tracing;
        this.capture = capture;
        this.publish = publish;
        this.fixedTraceparent = null;
    }

    private CapturedChange(String traceparent) {
        this.tracing = null;
        this.capture = null;
        this.publish = null;
        this.fixedTraceparent = traceparent;
    }

    /**
     * Tracing off: a {@code traceparent} continuing {@code traceId} when it is one (32 hex digits), with a new span
     * id, so that logs on both sides of Kafka still share the trace id.
     */
    static CapturedChange propagationOnly(@Nullable String traceId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        String trace = traceId != null && traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+")
                ? traceId
                : hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
        return new CapturedChange("00-" + trace + "-" + hex.toHexDigits(random.nextLong() | 1L) + "-01");
    }

    /** Writes the trace context headers of the record (the publish span's, or the capture span's). */
    public void inject(Headers headers) {
        Span carried = publish != null ? publish : capture;
        if (tracing != null && carried != null) {
            tracing.inject(carried.context(), headers);
        } else if (fixedTraceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, fixedTraceparent.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The {@code traceparent} the record carries (for the rare paths that need it as text, e.g. dead letters). */
    public @Nullable String traceparent() {
        RecordHeaders headers = new RecordHeaders();
        inject(headers);
        return headers.lastHeader(TRACEPARENT) == null ? null
                : new String(headers.lastHeader(TRACEPARENT).value(), StandardCharsets.UTF_8);
    }

    /** The batch holding this change was handed to Kafka at {@code publishMicros} and acknowledged at {@code ackedMicros}. */
    public void published(long publishMicros, long ackedMicros, int partition, long offset) {
        if (capture != null && !capture.isNoop()) {
            capture.finish(publishMicros);
        }
        if (publish != null && !publish.isNoop()) {
            publish.tag(ChangeTracing.PARTITION, ChangeTracing.partitionName(partition))
                    .tag(ChangeTracing.OFFSET, Long.toString(offset)).start(publishMicros);
            publish.finish(ackedMicros);
        }
    }

    /** Kafka did not take the batch (the capture replays it, with new spans). */
    public void failed(Throwable error, long publishMicros, long failedMicros) {
        if (capture != null && !capture.isNoop()) {
            capture.finish(publishMicros);
        }
        if (publish != null && !publish.isNoop()) {
            publish.error(error).start(publishMicros);
            publish.finish(failedMicros);
        }
    }

    /** Dropped before publishing (nothing to send after all): the spans are not reported. */
    public void abandon() {
        if (capture != null) {
            capture.abandon();
        }
        if (publish != null) {
            publish.abandon();
        }
    }
}
