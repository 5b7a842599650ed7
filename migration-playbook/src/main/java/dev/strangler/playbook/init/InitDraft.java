package dev.strangler.playbook.init;

import dev.strangler.playbook.init.internal.DescriptorWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A draft extraction descriptor, from the schemas of the monolith's and the service's databases: a table pair per
 * table, its fields matched by column name, types and conversions from the column types, a route per table,
 * reconciliation of every field both sides store, and the playbook's usual steps. What the schemas cannot decide is a
 * {@link Todo}: a value the descriptor's schema refuses, so the draft cannot be used before a person decided, with a
 * {@code # TODO:} comment on its line.
 *
 * @param yaml  the descriptor's text
 * @param todos every decision left, in the file's order
 */
public record InitDraft(String yaml, List<Todo> todos) {

    public InitDraft {
        todos = List.copyOf(todos);
    }

    /**
     * The draft of extraction {@code name} moving {@code tables}: {@code legacy} must hold every one of them,
     * {@code service} those it has.
     *
     * @param schemaRef the JSON Schema's path relative to the file, for editors; null leaves the line out
     */
    public static InitDraft of(String name, List<String> tables, SchemaSnapshot legacy, SchemaSnapshot service,
            @Nullable String schemaRef) {
        return DescriptorWriter.draft(name, tables, legacy, service, schemaRef);
    }

    /**
     * A decision left to the user.
     *
     * @param line   its 1-based line in {@link #yaml()}
     * @param decide what to decide
     */
    public record Todo(int line, String decide) {
    }
}
