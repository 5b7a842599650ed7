package dev.strangler.cdc.publish;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/** The Kafka header names the bridge writes and reads, and helpers for them. */
public final class ChangeHeaders {

    public static final String CORRELATION_ID = "strangler-correlation-id";
    /** W3C trace context: written by the capture's publish span (see {@code tracing}), read by the applier. */
    public static final String TRACEPARENT = "traceparent";
    /** Source commit time, milliseconds: lets the applier measure lag without decoding the value. */
    public static final String SOURCE_TS_MS = "strangler-source-ts-ms";
    /** Dead letters: why the record could not be applied, and where it came from. */
    public static final String DLQ_REASON = "strangler-dlq-reason";
    public static final String DLQ_TOPIC = "strangler-dlq-topic";
    public static final String DLQ_PARTITION = "strangler-dlq-partition";
    public static final String DLQ_OFFSET = "strangler-dlq-offset";

    private ChangeHeaders() {
    }

    public static @Nullable String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The trace id of a {@code traceparent}, or null. */
    public static @Nullable String traceId(@Nullable String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return null;
        }
        return traceparent.substring(3, 35);
    }
}
