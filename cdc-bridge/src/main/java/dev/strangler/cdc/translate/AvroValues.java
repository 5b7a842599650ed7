package dev.strangler.cdc.translate;

import dev.strangler.extraction.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A field's value between its Java form (what a column gives, after the descriptor's conversion) and the change
 * record's Avro form: timestamps as microseconds since the epoch (Avro's {@code timestamp-micros}, PostgreSQL's full
 * precision), dates as days, whole numbers exact (a decimal with a fraction is refused, never rounded).
 */
public final class AvroValues {

    private AvroValues() {
    }

    public static @Nullable Object toAvro(FieldType type, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case LONG -> wholeNumber(value);
            case INT -> Math.toIntExact(wholeNumber(value));
            case STRING, CARD -> value instanceof CharSequence s ? s.toString() : value.toString();
            case BOOLEAN -> (Boolean) value;
            case DOUBLE -> ((Number) value).doubleValue();
            case TIMESTAMP -> micros(value);
            case DATE -> value instanceof LocalDate d ? (int) d.toEpochDay() : ((Number) value).intValue();
        };
    }

    /** The Java form of an Avro value: Long, Integer, String, Boolean, Double, Instant, LocalDate. */
    public static @Nullable Object fromAvro(FieldType type, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case LONG -> ((Number) value).longValue();
            case INT -> ((Number) value).intValue();
            case STRING, CARD -> value.toString();
            case BOOLEAN -> value;
            case DOUBLE -> ((Number) value).doubleValue();
            case TIMESTAMP -> Instant.EPOCH.plus(((Number) value).longValue(), ChronoUnit.MICROS);
            case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
        };
    }

    private static long wholeNumber(Object value) {
        if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new UntranslatableChange("a decimal with a fraction, or out of range, for a whole-number field");
            }
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new UntranslatableChange("a " + value.getClass().getSimpleName() + " for a whole-number field");
    }

    /** An instant as microseconds; a timestamp without a zone is read as UTC (a column that holds UTC). */
    private static long micros(Object value) {
        Instant instant = switch (value) {
            case Instant i -> i;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case OffsetDateTime t -> t.toInstant();
            case Long l -> Instant.EPOCH.plus(l, ChronoUnit.MICROS);
            default -> throw new UntranslatableChange("a " + value.getClass().getSimpleName() + " for a timestamp");
        };
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
