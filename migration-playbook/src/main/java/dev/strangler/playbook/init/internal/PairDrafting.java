package dev.strangler.playbook.init.internal;

import dev.strangler.extraction.ChangeRecord;
import dev.strangler.extraction.FieldType;
import dev.strangler.playbook.init.ColumnSchema;
import dev.strangler.playbook.init.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The guesses for one table of the monolith and its counterpart in the service's database (null: the service has no
 * table of that name). Pure: two table descriptions in, a {@link PairDraft} out.
 */
final class PairDrafting {

    static final String ORIGIN_MARKER = "cdc_origin";
    private static final String LOOP_PREVENTION = "cdc-bridge/README.md, \"Loop prevention\"";
    private static final List<String> MINOR_SUFFIXES = List.of("_minor", "_minor_units", "_cents");

    private final TableSchema legacy;
    private final @Nullable TableSchema service;
    /** The service's columns some field already holds. */
    private final Set<String> claimed = new HashSet<>();

    private PairDrafting(TableSchema legacy, @Nullable TableSchema service) {
        this.legacy = legacy;
        this.service = service;
    }

    static PairDraft draft(TableSchema legacy, @Nullable TableSchema service) {
        return new PairDrafting(legacy, service).draft();
    }

    private PairDraft draft() {
        String table = legacy.simpleName();
        Value name = Names.PAIR.matcher(table).matches()
                ? Value.noted(table, "topics strangler.cdc.legacy." + table + " and strangler.cdc.service." + table)
                : Value.todo("a name for this pair (lower case, digits, _ and -): it names the pair's topics");
        String routeId = table.replace('_', '-');
        Value route = Names.ID.matcher(routeId).matches() ? Value.of(routeId)
                : Value.todo("an id for the route of " + table + " (lower case, digits and -)");

        @Nullable String legacyKey = legacy.primaryKey().size() == 1 ? legacy.primaryKey().getFirst() : null;
        @Nullable String serviceKey = service != null && service.primaryKey().size() == 1 ? service.primaryKey().getFirst()
                : null;
        PairDraft.Side legacySide = new PairDraft.Side(Value.of(legacy.name()),
                legacyKey != null ? Columns.mapping(column(legacy, legacyKey), null)
                        : Value.todo(keyProblem(legacy, "the monolith")),
                capture(legacy, "the monolith's " + legacy.name()), null);
        PairDraft.Side extractedSide = service == null ? missingServiceTable(legacyKey)
                : new PairDraft.Side(Value.of(service.name()),
                        serviceKey != null ? Columns.mapping(column(service, serviceKey), null)
                                : Value.todo(keyProblem(service, "the service")),
                        capture(service, "the service's " + service.name()), idsFrom(service, serviceKey));

        List<PairDraft.Field> fields = new ArrayList<>();
        if (legacyKey != null) {
            fields.add(keyField(column(legacy, legacyKey), serviceKey));
        }
        Map<String, ColumnSchema> matches = matches(legacyKey);
        for (ColumnSchema c : legacy.columns()) {
            if (c.name().equals(legacyKey) || c.name().equals(ORIGIN_MARKER)) {
                continue;
            }
            fields.add(Names.isCardNumber(c.name()) ? cardField(c) : field(c, matches.get(c.name())));
        }
        if (service != null) {
            for (ColumnSchema s : service.columns()) {
                if (!claimed.contains(s.name()) && !s.name().equals(ORIGIN_MARKER)) {
                    fields.add(serviceOnly(s));
                }
            }
        }
        return new PairDraft(name, route, "/api/" + table + "/**", legacySide, extractedSide, uniqueNames(fields));
    }

    private PairDraft.Side missingServiceTable(@Nullable String legacyKey) {
        return new PairDraft.Side(
                Value.todo("the service's database has no table " + legacy.simpleName() + ": create it (the fields"
                        + " below name its columns after the monolith's) or name the service's table"),
                legacyKey != null ? Columns.mapping(column(legacy, legacyKey), null)
                        : Value.todo("the key column of the service's table"),
                Value.todo("{origin-marker: TODO}", "give the service's table column " + ORIGIN_MARKER + " and its"
                        + " trigger (" + LOOP_PREVENTION + "), then write " + ORIGIN_MARKER + " here; or capture an"
                        + " outbox the service writes: {outbox: {table: ..., aggregate-type: ...}}"),
                idsFromTodo());
    }

    private static String keyProblem(TableSchema t, String side) {
        String problem = t.primaryKey().isEmpty() ? "has no primary key"
                : "has a primary key of " + t.primaryKey().size() + " columns (" + String.join(", ", t.primaryKey())
                        + ")";
        return side + "'s " + t.name() + " " + problem + ": the bridge needs one column whose value identifies a row"
                + " on both sides; name it, and mark its field key: true";
    }

    private static Value capture(TableSchema t, String which) {
        if (t.column(ORIGIN_MARKER).isPresent()) {
            return Value.of("{origin-marker: " + ORIGIN_MARKER + "}");
        }
        return Value.todo("{origin-marker: TODO}", "add column " + ORIGIN_MARKER + " and its trigger to " + which
                + " (the example in " + LOOP_PREVENTION + "), then write " + ORIGIN_MARKER + " here");
    }

    private static @Nullable Value idsFrom(TableSchema service, @Nullable String key) {
        if (key == null) {
            return idsFromTodo();
        }
        ColumnSchema k = column(service, key);
        if (!Columns.isInteger(k)) {
            return null;
        }
        Long start = service.keySequenceStart();
        return start != null && start > 1
                ? Value.noted(start, "where the key's sequence starts: the monolith's keys must stay below")
                : idsFromTodo();
    }

    private static Value idsFromTodo() {
        return Value.todo("where the keys of rows the service creates start, above any key the monolith will use"
                + " (e.g. 1000000000; start the key's sequence there too), or remove ids-from if only the monolith"
                + " creates rows");
    }

    private PairDraft.Field keyField(ColumnSchema key, @Nullable String serviceKey) {
        FieldType type = Columns.fieldType(key);
        boolean keyType = type == FieldType.LONG || type == FieldType.INT || type == FieldType.STRING;
        Value typeValue = keyType ? Value.of(type.yamlName())
                : Value.todo(legacy.name() + "'s key " + key.name() + " is " + Columns.describe(key) + ": a key field"
                        + " is a long, an int or a string");
        Value extracted;
        if (service == null) {
            extracted = Columns.mapping(key, null);
        } else if (serviceKey != null) {
            claimed.add(serviceKey);
            extracted = Columns.mapping(column(service, serviceKey), keyType ? type : null);
        } else if (service.column(key.name()).isPresent()) {
            claimed.add(key.name());
            extracted = Columns.mapping(column(service, key.name()), keyType ? type : null);
        } else {
            extracted = Value.todo("the column of the service's " + service.name() + " that holds the monolith's key "
                    + key.name());
        }
        return new PairDraft.Field(Value.of(Names.camel(key.name())), typeValue, true, Columns.mapping(key, null),
                extracted, null);
    }

    /**
     * The service's column for each of the monolith's: first by name (as is, then the snake_case and the lower-cased
     * camelCase of the field's name), then a bigint of minor units beside a numeric ({@code balance} ->
     * {@code balance_minor}). Card numbers are matched by {@link #cardField}.
     */
    private Map<String, ColumnSchema> matches(@Nullable String legacyKey) {
        Map<String, ColumnSchema> matches = new HashMap<>();
        if (service == null) {
            return matches;
        }
        Set<String> taken = new HashSet<>(claimed);
        taken.add(ORIGIN_MARKER);
        List<ColumnSchema> candidates = legacy.columns().stream()
                .filter(c -> !c.name().equals(legacyKey) && !c.name().equals(ORIGIN_MARKER))
                .filter(c -> !Names.isCardNumber(c.name())).toList();
        for (ColumnSchema c : candidates) {
            String field = Names.camel(c.name());
            for (String name : List.of(c.name(), Names.snake(field), field, field.toLowerCase(Locale.ROOT))) {
                Optional<ColumnSchema> s = unclaimed(name, taken);
                if (s.isPresent()) {
                    matches.put(c.name(), s.get());
                    taken.add(s.get().name());
                    break;
                }
            }
        }
        for (ColumnSchema c : candidates) {
            if (c.type().equals("numeric") && !matches.containsKey(c.name())) {
                MINOR_SUFFIXES.stream().map(suffix -> unclaimed(c.name() + suffix, taken))
                        .flatMap(Optional::stream).filter(s -> s.type().equals("int8")).findFirst()
                        .ifPresent(s -> {
                            matches.put(c.name(), s);
                            taken.add(s.name());
                        });
            }
        }
        claimed.addAll(matches.values().stream().map(ColumnSchema::name).toList());
        return matches;
    }

    private Optional<ColumnSchema> unclaimed(String name, Set<String> taken) {
        if (service == null) {
            return Optional.empty();
        }
        List<ColumnSchema> free = service.columns().stream().filter(s -> !taken.contains(s.name())).toList();
        return free.stream().filter(s -> s.name().equals(name)).findFirst()
                .or(() -> free.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst());
    }

    private PairDraft.Field field(ColumnSchema c, @Nullable ColumnSchema match) {
        String name = Names.camel(c.name());
        if (c.type().equals("numeric")) {
            return numericField(c, match);
        }
        FieldType type = Columns.fieldType(c);
        Value typeValue = type != null ? Value.of(type.yamlName())
                : Value.todo(c.name() + " is " + c.type() + ": no field type holds it as it is (string, long, int,"
                        + " boolean, double, timestamp, date); pick one that fits both sides, or remove this field");
        Value legacyValue = Columns.mapping(c, type);
        Value extracted;
        if (service == null) {
            extracted = Columns.mapping(new ColumnSchema(c.name(), c.type().equals("timestamp") ? "timestamptz"
                    : c.type(), c.scale(), c.nullable(), c.hasDefault()), type);
        } else if (match == null) {
            extracted = Value.todo(onlyInTheMonolith(c));
        } else {
            extracted = Columns.mapping(match, type);
        }
        boolean both = service == null || match != null;
        return new PairDraft.Field(Value.of(name), typeValue, false, legacyValue, extracted, both ? name : null);
    }

    /** A numeric holds money as often as not: a bigint of minor units beside it says so; anything else is a TODO. */
    private PairDraft.Field numericField(ColumnSchema c, @Nullable ColumnSchema match) {
        if (match != null && match.type().equals("int8")) {
            String name = Names.camel(match.name());
            Value legacyValue;
            if (!Names.COLUMN.matcher(c.name()).matches()) {
                legacyValue = Columns.mapping(c, null);
            } else if (c.scale() == null || c.scale() > 6) {
                legacyValue = Value.todo("{column: " + c.name() + ", convert: {minor-units: TODO}}", c.name() + " is "
                        + Columns.describe(c) + ": the decimal places of its minor units (2 for cents, at most 6)");
            } else {
                legacyValue = Value.noted("{column: " + c.name() + ", convert: {minor-units: " + c.scale() + "}}",
                        Columns.describe(c) + " as a whole number of minor units (x 10^" + c.scale() + ")");
            }
            return new PairDraft.Field(Value.of(name), Value.of(FieldType.LONG.yamlName()), false, legacyValue,
                    Columns.mapping(match, FieldType.LONG), name);
        }
        String scale = c.scale() == null ? "n" : c.scale().toString();
        String decide = c.name() + " is " + Columns.describe(c) + (match != null ? " and the service's "
                + match.name() + " is " + Columns.describe(match) : "") + ": long with {column: ..., convert:"
                + " {minor-units: " + scale + "}} on each numeric side (exact: a count of cents), or double"
                + " (not exact)";
        Value extracted = service == null || match != null ? Columns.mapping(match != null ? match : c, null)
                : Value.todo(onlyInTheMonolith(c));
        String name = Names.camel(c.name());
        return new PairDraft.Field(Value.of(name), Value.todo(decide), false, Columns.mapping(c, null), extracted,
                service == null || match != null ? name : null);
    }

    /**
     * A card number never travels: the legacy side tokenizes it at capture; how the service keeps the vault's answer
     * is the user's call (a TODO), with the columns it probably is.
     */
    private PairDraft.Field cardField(ColumnSchema c) {
        String name = Names.cardField(c.name());
        @Nullable String suggestion = null;
        if (service != null) {
            for (String prefix : List.of(Names.snake(name), c.name())) {
                List<String> parts = List.of(prefix + "_token", prefix + "_last4", prefix + "_brand");
                if (suggestion == null
                        && parts.stream().allMatch(p -> service.column(p).isPresent() && !claimed.contains(p))) {
                    claimed.addAll(parts);
                    suggestion = "; the service's " + service.name() + " has {token: " + parts.get(0) + ", last4: "
                            + parts.get(1) + ", brand: " + parts.get(2) + "}";
                }
            }
        }
        String decide = "how the service keeps the card: the vault's token, last four digits and brand, never the"
                + " number" + (suggestion != null ? suggestion : ": {token: ..., last4: ..., brand: ...}");
        Value legacyValue = Names.COLUMN.matcher(c.name()).matches()
                ? Value.noted("{column: " + c.name() + ", transform: tokenize}", "the name says card numbers: swapped"
                        + " for the vault's token at capture, so none reaches Kafka")
                : Columns.mapping(c, null);
        return new PairDraft.Field(Value.of(name), Value.of(FieldType.CARD.yamlName()), false, legacyValue,
                Value.todo(decide), name + "Last4");
    }

    private PairDraft.Field serviceOnly(ColumnSchema s) {
        FieldType type = Columns.fieldType(s);
        Value typeValue = type != null ? Value.of(type.yamlName())
                : Value.todo(s.name() + " is " + s.type() + ": no field type holds it as it is; pick one, or remove"
                        + " this field");
        List<String> hints = new ArrayList<>();
        if (s.name().contains("legacy") && Columns.isInteger(s)) {
            hints.add("{computed: key} if it holds the monolith's key");
        }
        if (s.name().equals("version") && Columns.isInteger(s)) {
            hints.add("if it counts the bridge's changes, remove this field and write version: version under"
                    + " extracted");
        }
        hints.add(Columns.required(s)
                ? "it is NOT NULL without a default, so the bridge must write it: the monolith's column that holds"
                        + " it, {computed: key} or {constant: ...}"
                : "the monolith's column that holds it, {computed: ...}, {constant: ...}, or remove this field");
        String decide = "only the service's " + Objects.requireNonNull(service).name() + " has " + s.name() + ": "
                + String.join("; else ", hints);
        return new PairDraft.Field(Value.of(Names.camel(s.name())), typeValue, false, Value.todo(decide),
                Columns.mapping(s, type), null);
    }

    private String onlyInTheMonolith(ColumnSchema c) {
        return "only the monolith's " + legacy.name() + " has " + c.name() + ": the service's column that holds it, or "
                + (Columns.required(c) ? "{constant: ...} if the service does not keep it (" + c.name() + " is NOT"
                        + " NULL without a default: the bridge must write it)"
                        : "remove this field if the service does not keep it");
    }

    /** Field names the change record can take: not the envelope's, not twice. */
    private static List<PairDraft.Field> uniqueNames(List<PairDraft.Field> fields) {
        Set<String> taken = new HashSet<>(ChangeRecord.ENVELOPE);
        List<PairDraft.Field> out = new ArrayList<>();
        for (PairDraft.Field f : fields) {
            String name = f.name().yaml();
            List<String> recordFields = f.type().yaml().equals(FieldType.CARD.yamlName())
                    ? List.of(name + "Token", name + "Last4", name + "Brand") : List.of(name);
            boolean valid = Names.FIELD.matcher(name).matches();
            boolean free = recordFields.stream().noneMatch(taken::contains);
            if (valid && free) {
                taken.addAll(recordFields);
                out.add(f);
            } else {
                boolean envelope = recordFields.stream().anyMatch(ChangeRecord.ENVELOPE::contains);
                out.add(f.withName(Value.todo(!valid ? "a name for this field (camelCase: letters and digits)"
                        : envelope ? "'" + name + "' is the change record's own (its envelope): name this field"
                        : "'" + name + "' is another field's: name this field")));
            }
        }
        return out;
    }

    private static ColumnSchema column(TableSchema t, String name) {
        return t.column(name).orElseThrow(() -> new IllegalArgumentException(t.name() + " has no column " + name));
    }
}
