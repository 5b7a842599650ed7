package dev.strangler.payments.outbox.internal;

import static dev.strangler.payments.db.Tables.OUTBOX;

import dev.strangler.payments.outbox.Outbox;
import dev.strangler.support.jdbc.RenderedSql;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The outbox as a table row per event, with the trace and span ids of the tracer's current span (the request's,
 * continued from the caller's {@code traceparent}), so that the bridge's spans join the request's trace as children
 * of the span that wrote the row; none outside a traced request. Every payment change appends one, so the insert is
 * rendered once ({@link RenderedSql}).
 */
@Repository
class JooqOutbox implements Outbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Tracer tracer;
    private final RenderedSql insert;

    JooqOutbox(DSLContext db, JdbcTemplate jdbc, ObjectMapper json, Clock clock, Tracer tracer) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.tracer = tracer;
        this.insert = RenderedSql.of(db, db.insertInto(OUTBOX)
                .set(RenderedSql.columns(OUTBOX.AGGREGATE_TYPE, OUTBOX.AGGREGATE_ID, OUTBOX.EVENT_TYPE, OUTBOX.PAYLOAD,
                        OUTBOX.TRACE_ID, OUTBOX.SPAN_ID, OUTBOX.CREATED_AT)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String aggregateType, String aggregateId, String eventType, Map<String, Object> payload) {
        TraceContext trace = currentTrace();
        jdbc.update(insert.sql(), insert.bind()
                .set("aggregate_type", aggregateType)
                .set("aggregate_id", aggregateId)
                .set("event_type", eventType)
                .set("payload", json.writeValueAsString(payload))
                .set("trace_id", trace == null ? null : traceparent(trace))
                .set("span_id", null)
                .set("created_at", clock.instant().atOffset(ZoneOffset.UTC))
                .arguments());
    }

    /**
     * The writing span's context as one W3C {@code traceparent} ({@code 00-<trace id>-<span id>-01}) in
     * {@code trace_id}, never a bare span id in {@code span_id}: 16 random hex digits are all decimal about once in two
     * thousand, and then a PCI scan of this table (or its WAL) cannot tell them from a card number; inside a
     * traceparent it can. The bridge reads both forms.
     */
    static String traceparent(TraceContext trace) {
        return "00-" + trace.traceId() + "-" + trace.spanId() + "-01";
    }

    private @Nullable TraceContext currentTrace() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop() || span.context().traceId().isEmpty()) {
            return null;
        }
        return span.context();
    }
}
