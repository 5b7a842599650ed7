package dev.strangler.playbook.init;

import java.util.List;
import java.util.Optional;

/**
 * The tables of one database that a draft looks at, as they were when read.
 *
 * @param database the database's name ({@code current_database()})
 * @param tables   the tables asked for that exist
 */
public record SchemaSnapshot(String database, List<TableSchema> tables) {

    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    public Optional<TableSchema> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
