package dev.strangler.payments.idempotency.internal;

import static dev.strangler.payments.db.Tables.IDEMPOTENCY_KEYS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_keys} table. Every statement stands alone (autocommit) unless the caller has a transaction. */
@Repository
public class JooqIdempotencyKeys {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String LINKED = "LINKED";
    public static final String COMPLETED = "COMPLETED";

    private final DSLContext db;

    JooqIdempotencyKeys(DSLContext db) {
        this.db = db;
    }

    /** One key's row. */
    public record KeyRow(String requestHash, String state, @Nullable Long paymentId, Integer responseStatus,
            String responseType, String responseBody, Instant updatedAt, Instant expiresAt) {
    }

    public boolean insert(String key, String operation, String hash, Instant now, Instant expires) {
        return db.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.IDEM_KEY, key)
                .set(IDEMPOTENCY_KEYS.OPERATION, operation)
                .set(IDEMPOTENCY_KEYS.REQUEST_HASH, hash)
                .set(IDEMPOTENCY_KEYS.STATE, IN_PROGRESS)
                .set(IDEMPOTENCY_KEYS.CREATED_AT, utc(now))
                .set(IDEMPOTENCY_KEYS.UPDATED_AT, utc(now))
                .set(IDEMPOTENCY_KEYS.EXPIRES_AT, utc(expires))
                .onConflictDoNothing()
                .execute() == 1;
    }

    public Optional<KeyRow> find(String key, String operation) {
        return db.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation)))
                .fetchOptional(r -> new KeyRow(r.getRequestHash(), r.getState(), r.getPaymentId(),
                        r.getResponseStatus(), r.getResponseType(), r.getResponseBody(),
                        r.getUpdatedAt().toInstant(), r.getExpiresAt().toInstant()));
    }

    public boolean takeOver(String key, String operation, Instant seen, Instant now) {
        return db.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.UPDATED_AT, utc(now))
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation))
                        .and(IDEMPOTENCY_KEYS.STATE.eq(IN_PROGRESS))
                        .and(IDEMPOTENCY_KEYS.UPDATED_AT.eq(utc(seen))))
                .execute() == 1;
    }

    public void link(String key, String operation, long paymentId, Instant now) {
        db.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.PAYMENT_ID, paymentId)
                .set(IDEMPOTENCY_KEYS.UPDATED_AT, utc(now))
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation)))
                .execute();
    }

    public void markLinked(String key, String operation, Instant now) {
        db.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.STATE, LINKED)
                .set(IDEMPOTENCY_KEYS.UPDATED_AT, utc(now))
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation)))
                .execute();
    }

    public void complete(String key, String operation, int status, String type, String body, Instant now) {
        db.update(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.STATE, COMPLETED)
                .set(IDEMPOTENCY_KEYS.RESPONSE_STATUS, status)
                .set(IDEMPOTENCY_KEYS.RESPONSE_TYPE, type)
                .set(IDEMPOTENCY_KEYS.RESPONSE_BODY, body)
                .set(IDEMPOTENCY_KEYS.UPDATED_AT, utc(now))
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation)))
                .execute();
    }

    public void delete(String key, String operation) {
        db.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation)))
                .execute();
    }

    public void deleteIfExpired(String key, String operation, Instant now) {
        db.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.IDEM_KEY.eq(key).and(IDEMPOTENCY_KEYS.OPERATION.eq(operation))
                        .and(IDEMPOTENCY_KEYS.EXPIRES_AT.lt(utc(now))))
                .execute();
    }

    public int deleteExpired(Instant now) {
        return db.deleteFrom(IDEMPOTENCY_KEYS).where(IDEMPOTENCY_KEYS.EXPIRES_AT.lt(utc(now))).execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
