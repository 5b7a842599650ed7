package dev.strangler.playbook.init.internal;

import dev.strangler.extraction.FieldType;
import dev.strangler.playbook.init.ColumnSchema;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What a column's stored type holds as a field, and how a side maps a field onto a column. */
final class Columns {

    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar");

    private Columns() {
    }

    /**
     * The field type a column holds (a {@code timestamp} through {@code convert: utc}); null: none without a decision
     * (a {@code numeric} among them).
     */
    static @Nullable FieldType fieldType(ColumnSchema c) {
        return switch (c.type()) {
            case "int8" -> FieldType.LONG;
            case "int4", "int2" -> FieldType.INT;
            case "text", "varchar", "bpchar" -> FieldType.STRING;
            case "bool" -> FieldType.BOOLEAN;
            case "float8", "float4" -> FieldType.DOUBLE;
            case "timestamptz", "timestamp" -> FieldType.TIMESTAMP;
            case "date" -> FieldType.DATE;
            default -> null;
        };
    }

    static boolean isText(ColumnSchema c) {
        return TEXT.contains(c.type());
    }

    static boolean isInteger(ColumnSchema c) {
        return c.type().equals("int8") || c.type().equals("int4") || c.type().equals("int2");
    }

    /** How a column holds a field of type {@code type}, or a TODO saying why it cannot. */
    static Value mapping(ColumnSchema c, @Nullable FieldType type) {
        if (!Names.COLUMN.matcher(c.name()).matches()) {
            return Value.todo("column \"" + c.name() + "\" has a name a descriptor cannot write (lower case, digits,"
                    + " _ and $): rename it");
        }
        if (type == null) {
            return Value.of(c.name());
        }
        String needs = needs(type, c);
        if (needs != null) {
            return Value.todo(c.name() + " is " + describe(c) + ", the " + type.yamlName() + " field needs " + needs
                    + ": change one side's column type (no conversion joins them)");
        }
        if (type == FieldType.TIMESTAMP && c.type().equals("timestamp")) {
            return Value.noted("{column: " + c.name() + ", convert: utc}", "timestamp without time zone: read as UTC");
        }
        return Value.of(c.name());
    }

    /** What a field of {@code type} needs that {@code c} is not, or null when it fits. */
    private static @Nullable String needs(FieldType type, ColumnSchema c) {
        return switch (type) {
            case STRING, CARD -> isText(c) ? null : "text";
            case LONG -> c.type().equals("int8") ? null : "bigint";
            case INT -> c.type().equals("int4") || c.type().equals("int2") ? null : "integer or smallint";
            case BOOLEAN -> c.type().equals("bool") ? null : "boolean";
            case DOUBLE -> c.type().equals("float8") || c.type().equals("float4") ? null : "double precision";
            case TIMESTAMP -> c.type().equals("timestamptz") || c.type().equals("timestamp") ? null : "timestamptz";
            case DATE -> c.type().equals("date") ? null : "date";
        };
    }

    /** {@code numeric(scale 2)}, {@code int8}. */
    static String describe(ColumnSchema c) {
        return c.type().equals("numeric") ? "numeric(scale " + (c.scale() == null ? "none" : c.scale()) + ")"
                : c.type();
    }

    static boolean required(ColumnSchema c) {
        return !c.nullable() && !c.hasDefault();
    }
}
