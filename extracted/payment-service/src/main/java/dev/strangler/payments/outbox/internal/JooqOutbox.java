package dev.strangler.payments.outbox.internal;

import static dev.strangler.payments.db.Tables.OUTBOX;

import dev.strangler.payments.outbox.Outbox;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The outbox as a table row per event, with the trace and span ids of the tracer's current span (the request's,
 * continued from the caller's {@code traceparent}), so that the bridge's spans join the request's trace as children
 * of the span that wrote the row; none outside a traced request.
 */
@Repository
class JooqOutbox implements Outbox {

    private final DSLContext db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Tracer tracer;

    JooqOutbox(DSLContext db, ObjectMapper json, Clock clock, Tracer tracer) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.tracer = tracer;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String aggregateType, String aggregateId, String eventType, Map<String, Object> payload) {
        TraceContext trace = currentTrace();
        db.insertInto(OUTBOX)
                .set(OUTBOX.AGGREGATE_TYPE, aggregateType)
                .set(OUTBOX.AGGREGATE_ID, aggregateId)
                .set(OUTBOX.EVENT_TYPE, eventType)
                .set(OUTBOX.PAYLOAD, JSONB.valueOf(json.writeValueAsString(payload)))
                .set(OUTBOX.TRACE_ID, trace == null ? null : trace.traceId())
                .set(OUTBOX.SPAN_ID, trace == null ? null : trace.spanId())
                .set(OUTBOX.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .execute();
    }

    private @Nullable TraceContext currentTrace() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop() || span.context().traceId().isEmpty()) {
            return null;
        }
        return span.context();
    }
}
