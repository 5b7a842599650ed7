package dev.strangler.cdc.tracing;

import brave.Tracing;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Entry point: one per application, handing out the capture and apply side of each direction. Without a
 * {@code Tracing} bean (tracing switched off) the bridge still propagates: it writes a {@code traceparent} that
 * continues an outbox row's trace id with a new span id, and spans are not made at all.
 */
public final class ChangeTracing {

    /** Tag names (the same on every span that has them). */
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TABLE = "table";
    static final String OPERATION = "operation";
    static final String DIRECTION = "direction";
    static final String OUTCOME = "outcome";
    static final String ROW_KEY = "row.key";
    static final String REMOTE_SERVICE = "kafka";

    private static final String[] PARTITION_NAMES = new String[64];

    static {
        for (int i = 0; i < PARTITION_NAMES.length; i++) {
            PARTITION_NAMES[i] = Integer.toString(i);
        }
    }

    private final @Nullable Tracing tracing;
    private final TraceContext.@Nullable Injector<Headers> injector;
    private final TraceContext.@Nullable Extractor<Headers> extractor;

    private ChangeTracing(@Nullable Tracing tracing) {
        this.tracing = tracing;
        // the application's propagation (W3C by default: management.tracing.propagation.produce), on Kafka headers
        this.injector = tracing == null ? null : tracing.propagation().injector(ChangeTracing::setHeader);
        this.extractor = tracing == null ? null : tracing.propagation().extractor(ChangeTracing::header);
    }

    /** Spans through {@code tracing}, or propagation only when it is null. */
    public static ChangeTracing of(@Nullable Tracing tracing) {
        return new ChangeTracing(tracing);
    }

    /** Propagation only, no spans. */
    public static ChangeTracing off() {
        return new ChangeTracing(null);
    }

    public CaptureTracing capture(String direction, String table, String topic) {
        return new CaptureTracing(this, direction, table, topic);
    }

    public ApplyTracing apply(String direction, String table, String topic) {
        return new ApplyTracing(this, direction, table, topic);
    }

    /**
     * Wall-clock microseconds for span timestamps. The bridge stamps spans from a few readings per batch (not one per
     * span): the records of a batch share its phases.
     */
    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Whether changes get spans (false: the trace context is carried in the records' headers only). */
    public boolean recordsSpans() {
        return tracing != null;
    }

    @Nullable Tracing tracing() {
        return tracing;
    }

    void inject(TraceContext context, Headers headers) {
        TraceContext.Injector<Headers> i = injector;
        if (i != null) {
            i.inject(context, headers);
        }
    }

    TraceContextOrSamplingFlags extract(Headers headers) {
        TraceContext.Extractor<Headers> e = extractor;
        return e == null ? TraceContextOrSamplingFlags.EMPTY : e.extract(headers);
    }

    static String partitionName(int partition) {
        return partition >= 0 && partition < PARTITION_NAMES.length ? PARTITION_NAMES[partition]
                : Integer.toString(partition);
    }

    private static void setHeader(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
