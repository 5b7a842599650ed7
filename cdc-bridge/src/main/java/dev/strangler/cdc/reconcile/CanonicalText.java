package dev.strangler.cdc.reconcile;

import static org.jooq.impl.DSL.choose;
import static org.jooq.impl.DSL.concatWs;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.nullif;
import static org.jooq.impl.DSL.right;
import static org.jooq.impl.DSL.trim;
import static org.jooq.impl.DSL.when;

import dev.strangler.extraction.Conversion;
import dev.strangler.extraction.FieldSpec;
import dev.strangler.extraction.FieldType;
import dev.strangler.extraction.Mapping;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TablePair.SideName;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.CaseValueStep;
import org.jooq.CaseWhenStep;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * One record field of one side as a SQL text expression that is equal on both sides when the bridge carried the row
 * correctly: each side's {@link Mapping} is undone in SQL, so that the comparison runs inside the databases and only
 * digests cross the wire. Mirrors what {@link dev.strangler.extraction.Conversions} does to values in Java.
 */
final class CanonicalText {

    /** The digits of a card, or of a masked value, that both sides keep. */
    private static final int LAST_CHARACTERS = 4;

    private CanonicalText() {
    }

    /**
     * @throws IllegalArgumentException when the field cannot be compared: not a field of the pair, or a side that
     *                                  does not store it (dropped, the source time, a token on one side only)
     */
    static Field<String> of(TablePair pair, SideName side, String recordField) {
        FieldSpec field = pair.fields().stream().filter(f -> f.recordFields().contains(recordField)).findFirst()
                .orElseThrow(() -> refused(pair, recordField, "it names no field of the pair"));
        String part = recordField.substring(field.name().length());
        Field<String> text = switch (field.side(side)) {
            case Mapping.CardColumns c -> cardColumn(pair, recordField, c, part);
            case Mapping.Columns c -> columns(pair, side, recordField, field, c, part);
            case Mapping.Computed c when c.kind() == Mapping.Computed.Kind.KEY ->
                    text(anyColumn(pair.side(side).key()));
            case Mapping.Computed c -> throw refused(pair, recordField, "the " + side.topicPart()
                    + " side stores no value: it is the change's source time");
            case Mapping.Constant c -> constant(field.type(), c.value());
        };
        // a mask keeps only the last characters: the other side's full value must be cut the same way
        return masked(field) ? right(text, inline(LAST_CHARACTERS)) : text;
    }

    private static Field<String> cardColumn(TablePair pair, String recordField, Mapping.CardColumns c, String part) {
        return switch (part) {
            case "Token" -> column(c.token());
            case "Last4" -> column(c.last4());
            case "Brand" -> column(c.brand());
            default -> throw refused(pair, recordField, "a card compares as Token, Last4 or Brand");
        };
    }

    private static Field<String> columns(TablePair pair, SideName side, String recordField, FieldSpec field,
            Mapping.Columns c, String part) {
        if (c.transform() == Mapping.Transform.DROP) {
            throw refused(pair, recordField, "the " + side.topicPart() + " side drops it");
        }
        if (field.type() == FieldType.CARD) {
            // the card number itself never leaves its database: only its last digits are comparable
            if (!part.equals("Last4")) {
                throw refused(pair, recordField, "the " + side.topicPart() + " side keeps the card number, not "
                        + "its " + part.toLowerCase(Locale.ROOT));
            }
            return right(column(c.first()), inline(LAST_CHARACTERS));
        }
        return switch (c.conversion()) {
            case Conversion.Split s -> joined(column(c.names().get(0)), column(c.names().get(1)));
            case Conversion.MinorUnits m -> text(field(name(c.first()), SQLDataType.NUMERIC)
                    .mul(inline(BigDecimal.TEN.pow(m.scale()))).cast(SQLDataType.BIGINT));
            case Conversion.Codes codes -> names(column(c.first()), codes.codeToName());
            case Conversion.LowerCase l -> lower(trim(column(c.first())));
            case Conversion.Utc u -> epochMicros(anyColumn(c.first()));
            case Conversion.Identity i -> identity(field.type(), c.first());
        };
    }

    private static Field<String> identity(FieldType type, String columnName) {
        return switch (type) {
            case TIMESTAMP -> epochMicros(anyColumn(columnName));
            // already text: no cast, so that a condition on it can use the column's index
            case STRING -> column(columnName);
            default -> text(anyColumn(columnName));
        };
    }

    /** A constant as a column of the field's type would read: the same conversion, applied to a literal. */
    private static Field<String> constant(FieldType type, Object value) {
        return switch (type) {
            case TIMESTAMP -> epochMicros(inline(value).cast(SQLDataType.TIMESTAMPWITHTIMEZONE));
            // 1.0 in Java, 1 in PostgreSQL: let the database print the number as it prints the other side's
            case DOUBLE -> text(inline(value).cast(SQLDataType.DOUBLE));
            default -> inline(String.valueOf(value));
        };
    }

    /**
     * Microseconds since the epoch, the change record's form: for a timestamptz the instant, for a timestamp without
     * time zone its nominal value read as UTC, which is exactly what {@code convert: utc} means.
     */
    private static Field<String> epochMicros(Field<?> column) {
        return text(extract(column, DatePart.EPOCH).mul(inline(1_000_000)).cast(SQLDataType.BIGINT));
    }

    /** The codes' names; a code without a name stays as it is, so that it differs rather than vanishes. */
    private static Field<String> names(Field<String> column, Map<String, String> codeToName) {
        // sorted: the same descriptor renders the same SQL
        Map<String, String> sorted = new TreeMap<>(codeToName);
        CaseValueStep<String> value = choose(column);
        CaseWhenStep<String, String> cases = null;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            cases = cases == null ? value.when(inline(e.getKey()), inline(e.getValue()))
                    : cases.when(inline(e.getKey()), inline(e.getValue()));
        }
        return cases == null ? column : cases.otherwise(column);
    }

    /** As {@code Conversions} joins: a space between the non-empty parts; null only when both parts are null. */
    private static Field<String> joined(Field<String> first, Field<String> second) {
        return when(first.isNull().and(second.isNull()), inline((String) null))
                .otherwise(concatWs(inline(" "), nullif(first, inline("")), nullif(second, inline(""))));
    }

    private static boolean masked(FieldSpec field) {
        return isMasked(field.legacy()) || isMasked(field.extracted());
    }

    private static boolean isMasked(Mapping m) {
        return m instanceof Mapping.Columns c && c.transform() == Mapping.Transform.MASK;
    }

    /** A text column (jOOQ quotes the name). */
    private static Field<String> column(String columnName) {
        return field(name(columnName), SQLDataType.VARCHAR);
    }

    /** A column of any type, to be cast to text: declared as text, jOOQ would leave the cast out. */
    private static Field<Object> anyColumn(String columnName) {
        return field(name(columnName));
    }

    private static Field<String> text(Field<?> value) {
        return value.cast(SQLDataType.VARCHAR);
    }

    private static IllegalArgumentException refused(TablePair pair, String recordField, String why) {
        return new IllegalArgumentException("table pair '" + pair.name() + "': field '" + recordField
                + "' cannot be reconciled: " + why);
    }
}
