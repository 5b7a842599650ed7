package dev.strangler.playbook.init.internal;

import dev.strangler.playbook.init.InitDraft;
import dev.strangler.playbook.init.SchemaSnapshot;
import dev.strangler.playbook.init.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Writes a draft descriptor: the guesses of every table pair, the two sides, a route per table, reconciliation and
 * the playbook's skeleton (the shape of {@code extractions/customers.yaml}'s). Each TODO is written on a line of its
 * own, its value one the schema refuses and a {@code # TODO:} comment saying what to decide; the writer keeps its
 * line.
 */
public final class DescriptorWriter {

    private final StringBuilder text = new StringBuilder();
    private final List<InitDraft.Todo> todos = new ArrayList<>();
    private int line;

    private DescriptorWriter() {
    }

    /**
     * The draft of extraction {@code name} for {@code tables}, each of which {@code legacy} must hold;
     * {@code schemaRef} is the JSON Schema's path from the file for the editor's YAML language server, null for none.
     */
    public static InitDraft draft(String name, List<String> tables, SchemaSnapshot legacy, SchemaSnapshot service,
            @Nullable String schemaRef) {
        List<PairDraft> pairs = new ArrayList<>();
        for (String table : tables) {
            TableSchema l = legacy.table(table).orElseThrow(() -> new IllegalArgumentException(
                    "table '" + table + "' is not in the snapshot of the legacy database " + legacy.database()));
            pairs.add(PairDrafting.draft(l, service.table(table).orElse(null)));
        }
        DescriptorWriter w = new DescriptorWriter();
        w.document(name, tables, legacy.database(), service.database(), pairs, schemaRef);
        return new InitDraft(w.text.toString(), w.todos);
    }

    private void document(String name, List<String> tables, String legacyDatabase, String serviceDatabase,
            List<PairDraft> pairs, @Nullable String schemaRef) {
        if (schemaRef != null) {
            line("# yaml-language-server: $schema=" + schemaRef);
            line("#");
        }
        line("# A draft of the extraction " + name + ", written by `strangler init` from the live schemas of the");
        line("# monolith's database " + comment(legacyDatabase) + " and the service's database "
                + comment(serviceDatabase) + ".");
        line("# What the schemas could not decide is marked on its line, with a value that does not validate:");
        line("# resolve each one (strangler init listed them). The format's reference is extractions/README.md.");
        line("name: " + name);
        line("description: Extract " + String.join(", ", tables) + " from the monolith into the service.");
        line("");
        line("legacy:");
        entry(2, "service", Value.todo("the monolith's name, as the proxy and the lab know it (e.g. legacy-monolith)"));
        entry(2, "url", Value.todo("where the monolith answers HTTP, e.g. http://127.0.0.1:8081"));
        entry(2, "database", database(legacyDatabase, "the monolith's"));
        line("extracted:");
        entry(2, "service", Value.todo("the service's name: the proxy's upstream (proxy.upstreams.<name>)"));
        entry(2, "url", Value.todo("where the service answers HTTP, e.g. http://127.0.0.1:8090"));
        entry(2, "database", database(serviceDatabase, "the service's"));
        line("");
        line("routes:                          # one per table, to start with; ids are unique across all extractions");
        for (PairDraft p : pairs) {
            item(2, "id", p.route());
            entry(4, "path", Value.noted(p.path(), "guessed from the table's name"));
            entry(4, "methods", Value.todo("[TODO]", "check the path, then the methods this route moves: reads first"
                    + " ([GET, HEAD]), the writes in a second route once they are safe"));
        }
        line("");
        line("data:");
        for (PairDraft p : pairs) {
            pair(p);
        }
        line("");
        playbook(name, pairs);
    }

    private void pair(PairDraft p) {
        item(2, "name", p.name());
        entry(4, "owner-route", p.route());
        entry(4, "conflict", Value.of("route-owner"));
        line("    legacy:");
        side(p.legacy());
        line("    extracted:");
        side(p.extracted());
        line("    fields:");
        for (PairDraft.Field f : p.fields()) {
            field(f);
        }
        line("    reconcile:");
        entry(6, "fields", Value.of(p.fields().stream().map(PairDraft.Field::reconciled)
                .filter(java.util.Objects::nonNull).collect(Collectors.joining(", ", "[", "]"))));
        entry(6, "tolerance", Value.of(0));
        entry(6, "chunk-size", Value.of(10000));
        entry(6, "settle-seconds", Value.of(30));
    }

    private void side(PairDraft.Side s) {
        entry(6, "table", s.table());
        entry(6, "key", s.key());
        entry(6, "capture", s.capture());
        if (s.idsFrom() != null) {
            entry(6, "ids-from", s.idsFrom());
        }
    }

    private void field(PairDraft.Field f) {
        List<Value> values = List.of(f.name(), f.type(), f.legacy(), f.extracted());
        if (values.stream().allMatch(Value::plain)) {
            line("      - {name: " + f.name().yaml() + ", type: " + f.type().yaml() + (f.key() ? ", key: true" : "")
                    + ", legacy: " + f.legacy().yaml() + ", extracted: " + f.extracted().yaml() + "}");
            return;
        }
        item(6, "name", f.name());
        entry(8, "type", f.type());
        if (f.key()) {
            entry(8, "key", Value.of(true));
        }
        entry(8, "legacy", f.legacy());
        entry(8, "extracted", f.extracted());
    }

    private void playbook(String name, List<PairDraft> pairs) {
        line("playbook:");
        if (pairs.stream().noneMatch(p -> p.route().isTodo())) {
            entry(2, "routes", Value.of(pairs.stream().map(p -> p.route().yaml())
                    .collect(Collectors.joining(", ", "[", "]"))));
        }
        line("  steps:");
        step("analyse", "analyse", "Find the coupling around the " + name + " code and tables");
        step("service-healthy", "service-healthy", "The service is up and answers");
        step("data-in-sync", "cdc-in-sync", "The CDC bridge copied the monolith's rows into the service's database");
        line("      gate: {max-mismatches: 0, max-lag-ms: 5000, settle-seconds: 30}");
        step("shadow", "shadow", "Mirror the routes to the service and compare the answers");
        line("      traffic-rps: 20");
        line("      warmup-seconds: 10");
        line("      gate: {min-compared: 1000, max-diff-rate: 0.01, timeout-seconds: 300}");
        step("canary", "canary", "Move a growing share of callers to the service");
        line("      percents: [5, 25, 50, 100]");
        line("      observe-seconds: 15");
        line("      traffic-rps: 20");
        line("      gate: {max-error-rate: 0.01, min-requests: 50}");
        step("cutover", "cutover", "Serve " + name + " from the service only; the bridge writes changes back into the"
                + " monolith's tables");
        line("      gate: {max-mismatches: 0, settle-seconds: 30}");
    }

    private void step(String id, String action, String title) {
        line("    - id: " + id);
        line("      action: " + action);
        line("      title: " + title);
    }

    /** A logical database name from the real one ({@code shop_db} -> {@code shop-db}), or a TODO. */
    private static Value database(String database, String whose) {
        String id = database.toLowerCase(Locale.ROOT).replace('_', '-');
        if (!Names.ID.matcher(id).matches()) {
            return Value.todo("a logical name for " + whose + " database " + comment(database) + " (lower case, digits"
                    + " and -): bridge.databases.<name>.* says where it is");
        }
        return id.equals(database) ? Value.of(id)
                : Value.noted(id, "the database " + database + ": bridge.databases." + id + ".* says where it is");
    }

    /** {@code key: value  # comment} at {@code indent}. */
    private void entry(int indent, String key, Value value) {
        write(" ".repeat(indent) + key + ": ", value);
    }

    /** The first entry of a sequence item: {@code - key: value}, its dash at {@code indent}. */
    private void item(int indent, String key, Value value) {
        write(" ".repeat(indent) + "- " + key + ": ", value);
    }

    private void write(String prefix, Value value) {
        String comment = value.todo() != null ? "TODO: " + value.todo() : value.note();
        line(prefix + value.yaml() + (comment == null ? "" : "  # " + comment(comment)));
        if (value.todo() != null) {
            todos.add(new InitDraft.Todo(line, comment(value.todo())));
        }
    }

    private void line(String s) {
        text.append(s).append('\n');
        line++;
    }

    /** Text safe in a comment: one line. */
    private static String comment(String s) {
        return s.replaceAll("\\R", " ");
    }
}
