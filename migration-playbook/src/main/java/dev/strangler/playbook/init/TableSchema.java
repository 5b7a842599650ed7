package dev.strangler.playbook.init;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A table as PostgreSQL describes it.
 *
 * @param name             as the descriptor names it: {@code accounts}, or {@code billing.accounts} outside
 *                         {@code public}
 * @param columns          in the table's order
 * @param primaryKey       the primary key's columns, in the key's order; empty when it has none
 * @param keySequenceStart where the sequence of a one-column key (serial or identity) starts; null when it has none
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey,
        @Nullable Long keySequenceStart) {

    public TableSchema {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** A table without a key sequence. */
    public TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey) {
        this(name, columns, primaryKey, null);
    }

    public Optional<ColumnSchema> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** The name without its schema. */
    public String simpleName() {
        return name.substring(name.indexOf('.') + 1);
    }
}
