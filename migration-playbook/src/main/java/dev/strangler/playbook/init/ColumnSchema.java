package dev.strangler.playbook.init;

import org.jspecify.annotations.Nullable;

/**
 * A column as PostgreSQL describes it.
 *
 * @param name       its name
 * @param type       the stored type as {@code pg_type} names it: {@code int8}, {@code numeric}, {@code timestamptz},
 *                   {@code varchar}, ...
 * @param scale      a numeric's scale ({@code numeric(12,2)}: 2); null for other types and an unconstrained numeric
 * @param nullable   whether it takes NULL
 * @param hasDefault whether an insert that leaves it out gets a value (a default, a serial or identity, generated)
 */
public record ColumnSchema(String name, String type, @Nullable Integer scale, boolean nullable, boolean hasDefault) {

    /** A column that takes NULL and has no default. */
    public static ColumnSchema of(String name, String type) {
        return new ColumnSchema(name, type, null, true, false);
    }

    /** The same column, NOT NULL without a default. */
    public ColumnSchema required() {
        return new ColumnSchema(name, type, scale, false, false);
    }

    /** A numeric column with {@code scale}. */
    public static ColumnSchema numeric(String name, int scale) {
        return new ColumnSchema(name, "numeric", scale, true, false);
    }
}
