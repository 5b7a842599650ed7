package dev.strangler.payments.outbox.internal;

import static dev.strangler.payments.db.Tables.OUTBOX;

import dev.strangler.payments.outbox.Outbox;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.slf4j.MDC;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/** The outbox as a table row per event, with the request's trace id so the bridge can carry it on. */
@Repository
class JooqOutbox implements Outbox {

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
                .set(OUTBOX.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .execute();
    }
}
