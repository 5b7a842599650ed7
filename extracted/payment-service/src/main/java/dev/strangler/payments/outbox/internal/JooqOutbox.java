package dev.strangler.payments.outbox.internal;

import static dev.strangler.payments.db.Tables.OUTBOX;
import static org.jooq.impl.DSL.param;

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
                .set(OUTBOX.AGGREGATE_TYPE, param("aggregateType", OUTBOX.AGGREGATE_TYPE))
                .set(OUTBOX.AGGREGATE_ID, param("aggregateId", OUTBOX.AGGREGATE_ID))
                .set(OUTBOX.EVENT_TYPE, param("eventType", OUTBOX.EVENT_TYPE))
                .set(OUTBOX.PAYLOAD, param("payload", OUTBOX.PAYLOAD))
                .set(OUTBOX.TRACE_ID, param("traceId", OUTBOX.TRACE_ID))
                .set(OUTBOX.SPAN_ID, param("spanId", OUTBOX.SPAN_ID))
                .set(OUTBOX.CREATED_AT, param("createdAt", OUTBOX.CREATED_AT)));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String aggregateType, String aggregateId, String eventType, Map<String, Object> payload) {
        TraceContext trace = currentTrace();
        jdbc.update(insert.sql(), insert.bind()
                .set("aggregateType", aggregateType)
                .set("aggregateId", aggregateId)
                .set("eventType", eventType)
                .set("payload", json.writeValueAsString(payload))
                .set("traceId", trace == null ? null : trace.traceId())
                .set("spanId", trace == null ? null : trace.spanId())
                .set("createdAt", clock.instant().atOffset(ZoneOffset.UTC))
                .arguments());
    }

    private @Nullable TraceContext currentTrace() {
        Span span = tracer.currentSpan();
        if (span == null || span.isNoop() || span.context().traceId().isEmpty()) {
            return null;
        }
        return span.context();
    }
}
