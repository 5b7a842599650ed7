package dev.strangler.cdc.translate;

import dev.strangler.cdc.avro.ChangeOp;
import dev.strangler.cdc.avro.ChangeOrigin;
import dev.strangler.cdc.avro.PaymentChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The translations, as pure functions. Money crosses as minor units (the monolith's {@code numeric(12,2)} times 100,
 * exactly: a value with more than two decimals is refused rather than rounded); timestamps as microseconds.
 */
public final class PaymentChanges {

    /** What the bridge writes into the monolith's card column: the last four digits, never a PAN. */
    public static final String MASK = "************";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private PaymentChanges() {
    }

    /** A legacy insert or update. {@code token} is null when the card column holds no PAN (a masked value). */
    public static PaymentChange fromLegacy(LegacyPaymentRow row, @Nullable CardToken token, SourcePosition position) {
        return base(ChangeOrigin.LEGACY, ChangeOp.UPSERT, row.id(), position,
                "legacy:" + position.lsn() + ":" + position.txId() + ":" + row.id())
                .setOrderId(row.orderId())
                .setLegacyId(row.id())
                .setStatus(LegacyStatus.nameOf(row.status()))
                .setCurrency(row.currency())
                .setAmountMinor(minorUnits(row.amount()))
                .setCapturedMinor(minorUnits(row.capturedAmount()))
                .setRefundedMinor(minorUnits(row.refundedAmount()))
                .setCardToken(token == null ? null : token.token())
                .setCardLast4(token == null ? row.cardColumnLast4() : token.last4())
                .setCardBrand(token == null ? null : token.brand())
                .setPspReference(row.pspReference())
                .setCreatedAt(micros(row.createdAt()))
                .setUpdatedAt(micros(row.updatedAt()))
                .build();
    }

    /** A legacy delete: with the default replica identity only the key is known. */
    public static PaymentChange legacyDelete(long id, SourcePosition position) {
        return base(ChangeOrigin.LEGACY, ChangeOp.DELETE, id, position,
                "legacy:" + position.lsn() + ":" + position.txId() + ":" + id).build();
    }

    /** A {@code truncate payments} in the monolith (the shop's re-seed does it). */
    public static PaymentChange legacyTruncate(SourcePosition position) {
        return base(ChangeOrigin.LEGACY, ChangeOp.TRUNCATE, -1, position,
                "legacy:" + position.lsn() + ":" + position.txId() + ":truncate").build();
    }

    /** A payment event of the service's outbox; other aggregates are not payments and give null. */
    public static @Nullable PaymentChange fromOutbox(OutboxEvent event, SourcePosition position) {
        if (!"payment".equals(event.aggregateType())) {
            return null;
        }
        JsonNode p;
        try {
            p = JSON.readTree(event.payload());
        } catch (JacksonException e) {
            throw new UntranslatableChange("outbox event " + event.id() + " holds no JSON document");
        }
        try {
            long paymentId = required(p, "paymentId").asLong();
            Instant updatedAt = Instant.parse(required(p, "updatedAt").asString());
            return base(ChangeOrigin.SERVICE, ChangeOp.UPSERT, paymentId, position, "service:outbox:" + event.id())
                    .setOrderId(required(p, "orderId").asLong())
                    .setLegacyId(p.hasNonNull("legacyId") ? p.get("legacyId").asLong() : null)
                    .setStatus(required(p, "status").asString())
                    .setCurrency(required(p, "currency").asString())
                    .setAmountMinor(required(p, "amountMinor").asLong())
                    .setCapturedMinor(required(p, "capturedMinor").asLong())
                    .setRefundedMinor(required(p, "refundedMinor").asLong())
                    .setCardLast4(required(p, "cardLast4").asString())
                    .setCardBrand(p.hasNonNull("cardBrand") ? p.get("cardBrand").asString() : null)
                    .setPspReference(p.hasNonNull("pspReference") ? p.get("pspReference").asString() : null)
                    .setVersion(required(p, "version").asInt())
                    .setCreatedAt(p.hasNonNull("createdAt") ? micros(Instant.parse(p.get("createdAt").asString()))
                            : micros(updatedAt))
                    .setUpdatedAt(micros(updatedAt))
                    .build();
        } catch (RuntimeException e) {
            if (e instanceof UntranslatableChange u) {
                throw u;
            }
            throw new UntranslatableChange("outbox event " + event.id() + " is not a valid payment event: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The monolith's row for a service change, or null when the monolith has no such state (PENDING, FAILED): the
     * monolith never stored a payment before the gateway answered, so the change waits for a later one.
     */
    public static @Nullable LegacyPaymentValues toLegacy(PaymentChange change) {
        String status = Objects.requireNonNull(change.getStatus(), "status");
        String code = LegacyStatus.codeOf(status).orElse(null);
        if (code == null) {
            return null;
        }
        return new LegacyPaymentValues(change.getPaymentId(), Objects.requireNonNull(change.getOrderId()),
                amount(change.getAmountMinor()), Objects.requireNonNull(change.getCurrency()), code,
                amount(change.getCapturedMinor()), amount(change.getRefundedMinor()), change.getPspReference(),
                MASK + Objects.requireNonNull(change.getCardLast4()),
                Objects.requireNonNull(change.getCreatedAt()), Objects.requireNonNull(change.getUpdatedAt()));
    }

    /** Exact: {@code 12.34} gives 1234; a value with more than two decimals is refused, never rounded. */
    public static long minorUnits(BigDecimal amount) {
        try {
            return amount.setScale(2).movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new UntranslatableChange("amount with more than two decimals or out of range");
        }
    }

    public static BigDecimal amount(@Nullable Long minor) {
        return BigDecimal.valueOf(Objects.requireNonNull(minor, "amount"), 2);
    }

    /** Avro's timestamp-micros: keeps PostgreSQL's full precision. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static PaymentChange.Builder base(ChangeOrigin origin, ChangeOp op, long paymentId,
            SourcePosition position, String eventId) {
        return PaymentChange.newBuilder()
                .setEventId(eventId)
                .setOrigin(origin)
                .setOp(op)
                .setPaymentId(paymentId)
                .setSourceLsn(position.lsn())
                .setSourceTxId(position.txId())
                .setSourceTsMicros(position.tsMicros())
                .setSnapshot(position.snapshot());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new UntranslatableChange("payment event without '" + field + "'");
        }
        return value;
    }
}
