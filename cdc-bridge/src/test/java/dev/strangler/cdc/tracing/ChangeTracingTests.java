package dev.strangler.cdc.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeTracingTests {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String OUTBOX_SPAN = "00f067aa0ba902b7";

    private final List<MutableSpan> spans = new CopyOnWriteArrayList<>();
    private Tracing tracing;

    @AfterEach
    void close() {
        if (tracing != null) {
            tracing.close();
        }
    }

    private ChangeTracing tracing(Sampler sampler) {
        tracing = Tracing.newBuilder().localServiceName("cdc-bridge").sampler(sampler).traceId128Bit(true)
                .propagationFactory(new W3CPropagation()).addSpanHandler(new SpanHandler() {
                    @Override
                    public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                        spans.add(span);
                        return true;
                    }
                }).build();
        return ChangeTracing.of(tracing);
    }

    @Test
    void chainsCapturePublishConsumeAndApplyUnderTheOutboxSpan() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        CapturedChange captured = changes.capture("service-to-legacy", "outbox", "t.service")
                .started(TRACE, OUTBOX_SPAN, "1000000001", "UPSERT", 100);
        RecordHeaders headers = new RecordHeaders();
        captured.inject(headers);
        captured.published(200, 300, 0, 41);
        ApplyTracing apply = changes.apply("service-to-legacy", "payments", "t.service");
        apply.applied(apply.parent(headers), 0, 41, "UPSERT", ApplyTracing.APPLIED, 400, 500, 600);

        MutableSpan capture = span("capture outbox");
        MutableSpan publish = span("publish t.service");
        MutableSpan consume = span("consume t.service");
        MutableSpan applied = span("apply payments");
        assertThat(List.of(capture, publish, consume, applied)).allSatisfy(s -> assertThat(s.traceId())
                .isEqualTo(TRACE));
        assertThat(capture.parentId()).isEqualTo(OUTBOX_SPAN);
        assertThat(publish.parentId()).isEqualTo(capture.id());
        assertThat(consume.parentId()).isEqualTo(publish.id());
        assertThat(applied.parentId()).isEqualTo(consume.id());
        assertThat(header(headers)).isEqualTo("00-" + TRACE + "-" + publish.id() + "-01");

        assertThat(publish.kind()).isEqualTo(brave.Span.Kind.PRODUCER);
        assertThat(consume.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
        assertThat(capture.startTimestamp()).isEqualTo(100);
        assertThat(capture.finishTimestamp()).isEqualTo(200);
        assertThat(publish.finishTimestamp()).isEqualTo(300);
        assertThat(applied.startTimestamp()).isEqualTo(500);
        assertThat(publish.tags()).containsEntry("topic", "t.service").containsEntry("partition", "0")
                .containsEntry("offset", "41");
        assertThat(consume.tags()).containsEntry("offset", "41").containsEntry("direction", "service-to-legacy");
        assertThat(applied.tags()).containsEntry("table", "payments").containsEntry("operation", "UPSERT")
                .containsEntry("outcome", "applied");
        assertThat(capture.tags()).containsEntry("row.key", "1000000001");
    }

    @Test
    void startsATraceForAChangeWithoutTraceContext() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        CapturedChange captured = changes.capture("legacy-to-service", "payments", "t.legacy")
                .started(null, null, "7", "UPSERT", 100);
        captured.published(200, 300, 0, 1);

        MutableSpan capture = span("capture payments");
        assertThat(capture.parentId()).isNull();
        assertThat(capture.traceId()).hasSize(32);
        assertThat(span("publish t.legacy").parentId()).isEqualTo(capture.id());
    }

    @Test
    void keepsAnOutboxTraceIdWithoutSpanIdAsARootInThatTrace() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        changes.capture("service-to-legacy", "outbox", "t").started(TRACE, null, "7", "UPSERT", 100)
                .published(200, 300, 0, 1);

        assertThat(span("capture outbox").traceId()).isEqualTo(TRACE);
        assertThat(span("capture outbox").parentId()).isNull();
    }

    @Test
    void ignoresMalformedOutboxIds() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        changes.capture("service-to-legacy", "outbox", "t").started("not-a-trace-id", "zz", "7", "UPSERT", 100)
                .published(200, 300, 0, 1);

        assertThat(span("capture outbox").traceId()).hasSize(32).isNotEqualTo("not-a-trace-id");
    }

    @Test
    void buildsNoSpansWhenNotSampledButStillPropagates() {
        ChangeTracing changes = tracing(Sampler.NEVER_SAMPLE);
        String traceparent = publishedAndApplied(changes, "service-to-legacy", changes
                .capture("service-to-legacy", "outbox", "t").started(TRACE, OUTBOX_SPAN, "7", "UPSERT", 100));

        assertThat(spans).isEmpty();
        assertThat(traceparent).matches("00-" + TRACE + "-[0-9a-f]{16}-00");
    }

    @Test
    void recordsNothingForASnapshotReadButStillPropagatesNotSampled() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        String traceparent = publishedAndApplied(changes, "legacy-to-service",
                changes.capture("legacy-to-service", "payments", "t").snapshotRead());

        assertThat(spans).isEmpty();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    /** Publishes the captured change, applies it on the other side; the record's traceparent. */
    private static String publishedAndApplied(ChangeTracing changes, String direction, CapturedChange captured) {
        RecordHeaders headers = new RecordHeaders();
        captured.inject(headers);
        captured.published(200, 300, 0, 1);
        ApplyTracing apply = changes.apply(direction, "payments", "t");
        apply.applied(apply.parent(headers), 0, 1, "UPSERT", ApplyTracing.APPLIED, 400, 500, 600);
        return header(headers);
    }

    @Test
    void propagatesTheOutboxTraceIdWithTracingOff() {
        CapturedChange captured = ChangeTracing.off().capture("service-to-legacy", "outbox", "t")
                .started(TRACE, OUTBOX_SPAN, "7", "UPSERT", 100);
        RecordHeaders headers = new RecordHeaders();
        captured.inject(headers);

        assertThat(header(headers)).matches("00-" + TRACE + "-[0-9a-f]{16}-01");
        assertThat(captured.traceparent()).isEqualTo(header(headers));
    }

    @Test
    void tagsADeadLetteredCaptureAndGivesItsContextToTheDeadLetter() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        String traceparent = changes.capture("service-to-legacy", "outbox", "t")
                .deadLettered(TRACE, OUTBOX_SPAN, "UPSERT", 100).traceparent();

        MutableSpan capture = span("capture outbox");
        assertThat(capture.tags()).containsEntry("outcome", "dead-lettered");
        assertThat(traceparent).isEqualTo("00-" + TRACE + "-" + capture.id() + "-01");
    }

    @Test
    void recordsAnUnreadableRecordAsAConsumerSpanOnly() {
        ChangeTracing changes = tracing(Sampler.ALWAYS_SAMPLE);
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + TRACE + "-" + OUTBOX_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        ApplyTracing apply = changes.apply("legacy-to-service", "payments", "t");
        apply.notApplied(apply.parent(headers), 0, 9, ApplyTracing.DEAD_LETTERED, 400, 450);

        assertThat(spans).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("consume t");
            assertThat(s.parentId()).isEqualTo(OUTBOX_SPAN);
            assertThat(s.tags()).containsEntry("outcome", "dead-lettered").containsEntry("offset", "9");
        });
    }

    private MutableSpan span(String name) {
        return spans.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    private static String header(RecordHeaders headers) {
        return new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8);
    }
}
