package dev.strangler.cdc.capture;

import dev.strangler.cdc.translate.RowTranslator;
import io.debezium.data.VariableScaleDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.jspecify.annotations.Nullable;

/**
 * A Debezium row ({@code before} or {@code after}) as the Java values the descriptor's conversions take: Debezium's
 * semantic types (with {@code decimal.handling.mode=precise} and the default {@code time.precision.mode=adaptive})
 * turned back into {@code BigDecimal}, {@code Instant} (timestamptz), {@code LocalDateTime} (timestamp),
 * {@code LocalDate}; the rest as Connect gives them. A column the row does not have reads as null.
 */
final class StructRows {

    private StructRows() {
    }

    static RowTranslator.Row of(Struct row) {
        return column -> value(row, column);
    }

    static @Nullable Object value(Struct row, String column) {
        Field field = row.schema().field(column);
        if (field == null) {
            return null;
        }
        Object value = row.get(field);
        if (value == null) {
            return null;
        }
        String semantic = field.schema().name();
        if (semantic == null) {
            return value;
        }
        return switch (semantic) {
            case "io.debezium.time.ZonedTimestamp" -> UtcTimestamps.parse((String) value);
            case "io.debezium.time.MicroTimestamp" -> micros((Long) value);
            case "io.debezium.time.Timestamp" -> LocalDateTime.ofInstant(Instant.ofEpochMilli((Long) value),
                    ZoneOffset.UTC);
            case "io.debezium.time.NanoTimestamp" -> LocalDateTime.ofEpochSecond(Math.floorDiv((Long) value,
                    1_000_000_000L), (int) Math.floorMod((Long) value, 1_000_000_000L), ZoneOffset.UTC);
            case "io.debezium.time.Date" -> LocalDate.ofEpochDay((Integer) value);
            case "io.debezium.data.VariableScaleDecimal" -> VariableScaleDecimal.toLogical((Struct) value)
                    .getDecimalValue().orElse(null);
            default -> value;
        };
    }

    private static LocalDateTime micros(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }
}
