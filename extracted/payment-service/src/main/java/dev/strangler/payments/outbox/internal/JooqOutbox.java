package dev.strangler.payments.outbox.internal;

import static dev.strangler.payments.db.Tables.OUTBOX;

import dev.strangler.payments.outbox.Outbox;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The outbox as a table row per event, with the request's trace and span ids (as Micrometer Tracing puts them in the
 * MDC) so that the bridge's spans join the request's trace as children of the span that wrote the row.
 */
@Repository
class JooqOutbox implements Outbox {

    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final DSLContext db;
    private final ObjectMapper json;
    private final Clock clock;

    JooqOutbox(DSLContext db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String aggregateType, String aggregateId, String eventType, Map<String, Object> payload) {
        db.insertInto(OUTBOX)
                .set(OUTBOX.AGGREGATE_TYPE, aggregateType)
                .set(OUTBOX.AGGREGATE_ID, aggregateId)
                .set(OUTBOX.EVENT_TYPE, eventType)
                .set(OUTBOX.PAYLOAD, JSONB.valueOf(json.writeValueAsString(payload)))
                .set(OUTBOX.TRACE_ID, MDC.get("traceId"))
                .set(OUTBOX.SPAN_ID, spanId())
                .set(OUTBOX.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** The current span's id, or null: only a well-formed one, since the bridge parses it as a parent span id. */
    private static @Nullable String spanId() {
        String spanId = MDC.get("spanId");
        return spanId != null && SPAN_ID.matcher(spanId).matches() ? spanId : null;
    }
}
