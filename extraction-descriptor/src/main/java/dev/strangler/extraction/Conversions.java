package dev.strangler.extraction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What each {@link Conversion} does to values, as pure functions: a side's column values (in the mapping's column
 * order, as Java values: {@code BigDecimal} for numeric, {@code Instant} for timestamptz, {@code LocalDateTime} for
 * timestamp, {@code Long}, {@code Integer}, {@code String}...) to the field's value, and back. Exact or refused: a value
 * that cannot cross without loss is {@link Untranslatable} (a dead letter), never rounded. A null column is a null
 * field and back.
 */
public final class Conversions {

    private Conversions() {
    }

    /** A value that cannot be converted without loss: the change goes to the dead letters with this reason. */
    public static final class Untranslatable extends RuntimeException {
        public Untranslatable(String message) {
            super(message);
        }
    }

    /**
     * A field value this side has no form for (a status name without a legacy code): the row does not exist on this
     * side, so it is not written there, and reconciliation does not expect it.
     */
    public static final class NotOnThisSide extends RuntimeException {
        public NotOnThisSide(String message) {
            super(message);
        }
    }

    /** The field's value from the columns' values. */
    public static @Nullable Object toField(Conversion conversion, List<@Nullable Object> columns) {
        if (conversion instanceof Conversion.Split) {
            return joined(columns);
        }
        Object value = columns.getFirst();
        if (value == null) {
            return null;
        }
        return switch (conversion) {
            case Conversion.Identity i -> value instanceof Instant t ? t.truncatedTo(ChronoUnit.MICROS) : value;
            case Conversion.MinorUnits m -> minorUnits((BigDecimal) value, m.scale());
            case Conversion.Codes c -> {
                String name = c.codeToName().get((String) value);
                if (name == null) {
                    throw new Untranslatable("code '" + value + "' has no name in the descriptor");
                }
                yield name;
            }
            case Conversion.LowerCase l -> ((String) value).trim().toLowerCase(Locale.ROOT);
            case Conversion.Utc u -> ((LocalDateTime) value).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            case Conversion.Split s -> throw new IllegalStateException("handled above");
        };
    }

    /** The columns' values for the field's value, in the mapping's column order. */
    public static List<@Nullable Object> toColumns(Conversion conversion, @Nullable Object field) {
        if (conversion instanceof Conversion.Split s) {
            return split((String) field, s.atLast());
        }
        if (field == null) {
            return nulls(1);
        }
        Object value = switch (conversion) {
            case Conversion.Identity i -> field;
            case Conversion.MinorUnits m -> BigDecimal.valueOf(((Number) field).longValue(), m.scale());
            case Conversion.Codes c -> code(c.codeToName(), (String) field);
            case Conversion.LowerCase l -> field;
            case Conversion.Utc u -> LocalDateTime.ofInstant((Instant) field, ZoneOffset.UTC);
            case Conversion.Split s -> throw new IllegalStateException("handled above");
        };
        return Arrays.asList(value);
    }

    /** Exact: {@code 12.34} with scale 2 gives 1234; a value with more decimals, or out of range, is refused. */
    static long minorUnits(BigDecimal amount, int scale) {
        try {
            return amount.setScale(scale).movePointRight(scale).longValueExact();
        } catch (ArithmeticException e) {
            throw new Untranslatable("a decimal with more than " + scale + " decimals, or out of range");
        }
    }

    private static String code(Map<String, String> codeToName, String name) {
        for (Map.Entry<String, String> e : codeToName.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new NotOnThisSide("'" + name + "' has no code on this side");
    }

    /** The parts joined by a space, empty parts left out; null when every part is null. */
    private static @Nullable String joined(List<@Nullable Object> parts) {
        if (parts.stream().allMatch(p -> p == null)) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (Object p : parts) {
            if (p != null && !((String) p).isEmpty()) {
                words.add((String) p);
            }
        }
        return String.join(" ", words);
    }

    /** Split at the last (or first) space; no space: the whole value first, an empty second part. */
    private static List<@Nullable Object> split(@Nullable String value, boolean atLast) {
        if (value == null) {
            return nulls(2);
        }
        int at = atLast ? value.lastIndexOf(' ') : value.indexOf(' ');
        return at < 0 ? Arrays.asList(value, "") : Arrays.asList(value.substring(0, at), value.substring(at + 1));
    }

    private static List<@Nullable Object> nulls(int n) {
        return Arrays.asList(new Object[n]);
    }
}
