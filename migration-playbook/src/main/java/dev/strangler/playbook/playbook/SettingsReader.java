package dev.strangler.playbook.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one step's entry of the descriptor (or its {@code gate:}) for a settings record: the value of each setting
 * asked for, or its default when the entry does not say, and a problem for every value of the wrong type and every key
 * no one asked for (a misspelt {@code max-diff-rate} would otherwise leave the gate at its default without a word).
 * A value of the wrong type is answered with the default, so that reading goes on and every problem of the step is
 * found in one pass; the problems refuse the playbook. Ranges are the records' own checks.
 */
final class SettingsReader {

    /** The keys of a step's entry that are the step itself, not settings of its action. */
    private static final List<String> STEP_KEYS = List.of("id", "action", "title");

    private final String prefix;
    private final JsonNode node;
    private final List<String> routes;
    private final List<String> problems;
    private final Set<String> asked = new LinkedHashSet<>();
    private final List<SettingsReader> sections = new ArrayList<>();

    private SettingsReader(String prefix, JsonNode node, List<String> routes, List<String> problems) {
        this.prefix = prefix;
        this.node = node;
        this.routes = routes;
        this.problems = problems;
    }

    /**
     * A reader of a step's whole entry.
     *
     * @param routes the routes the playbook moves: what per-route settings may name
     */
    static SettingsReader of(JsonNode entry, List<String> routes) {
        SettingsReader reader = new SettingsReader("", entry, List.copyOf(routes), new ArrayList<>());
        if (!entry.isObject()) {
            reader.problem("the step must be a mapping of settings, got " + entry);
        }
        return reader;
    }

    /** The routes the playbook moves. */
    List<String> routes() {
        return routes;
    }

    /** The {@code gate:} of the step: its own reader, whose keys are checked as the step's are. */
    SettingsReader gate() {
        return section("gate");
    }

    /**
     * A mapping of settings under {@code name} ({@code seam: {table: ..., name: ...}}): its own reader, whose keys are
     * checked as the step's are. Left out, it reads as an empty mapping.
     */
    SettingsReader mapping(String name) {
        return section(name);
    }

    /** Whether the entry says {@code name} at all: a required setting left out is for the caller to name. */
    boolean has(String name) {
        return !node.path(name).isMissingNode();
    }

    /** A text; a number, a list or a mapping is refused. */
    String text(String name, String fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            return wrongType(name, "a text", v, fallback);
        }
        return v.asText();
    }

    /**
     * A text the action cannot do without. Left out, it is a problem ({@code <name> is required: <why>}), and, as a
     * value of the wrong type is, answered with {@code standIn} so that reading goes on: the problem refuses the
     * playbook, so the stand-in never reaches a step.
     */
    String requiredText(String name, String why, String standIn) {
        if (!has(name)) {
            asked.add(name);
            problem(prefix + name + " is required: " + why);
            return standIn;
        }
        return text(name, standIn);
    }

    /** A whole number; a number with a fraction or a text is refused. */
    int integer(String name, int fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!isWhole(v) || !v.canConvertToInt()) {
            return wrongType(name, "a whole number", v, fallback);
        }
        return v.asInt();
    }

    /** A whole number, as large as a count may be. */
    long count(String name, long fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!isWhole(v) || !v.canConvertToLong()) {
            return wrongType(name, "a whole number", v, fallback);
        }
        return v.asLong();
    }

    /** A number, with or without a fraction. */
    double number(String name, double fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isNumber()) {
            return wrongType(name, "a number", v, fallback);
        }
        return v.asDouble();
    }

    /** A whole number of seconds ({@code ...-seconds} settings). */
    Duration seconds(String name, Duration fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!isWhole(v) || !v.canConvertToLong()) {
            return wrongType(name, "a whole number of seconds", v, fallback);
        }
        return Duration.ofSeconds(v.asLong());
    }

    /** A list of whole numbers ({@code [5, 25, 50, 100]}). */
    List<Integer> integers(String name, List<Integer> fallback) {
        JsonNode v = value(name);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            return wrongType(name, "a list of whole numbers", v, fallback);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!isWhole(item) || !item.canConvertToInt()) {
                return wrongType(name, "a list of whole numbers", v, fallback);
            }
            out.add(item.asInt());
        }
        return out;
    }

    /** A mapping of names to whole numbers ({@code {payments-write: 200}}); a null value counts as empty. */
    Map<String, Long> countsByName(String name, Map<String, Long> fallback) {
        JsonNode v = node.path(name);
        asked.add(name);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isObject()) {
            return wrongType(name, "a mapping of names to whole numbers", v, fallback);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!isWhole(e.getValue()) || !e.getValue().canConvertToLong()) {
                problem(prefix + name + "." + e.getKey() + " must be a whole number, got " + e.getValue());
                continue;
            }
            out.put(e.getKey(), e.getValue().asLong());
        }
        return out;
    }

    /** Records a problem of this step (the caller prefixes the step and the extraction). */
    void problem(String message) {
        problems.add(message);
    }

    /**
     * The problems found: values of the wrong type, and keys of this entry and its sections that no one asked for.
     * Call it once every setting has been read.
     */
    List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        all.addAll(unknownKeys());
        return all;
    }

    private List<String> unknownKeys() {
        List<String> unknown = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                boolean stepKey = prefix.isEmpty() && STEP_KEYS.contains(key);
                if (!stepKey && !asked.contains(key)) {
                    unknown.add("unknown setting '" + prefix + key + "' (" + (asked.isEmpty()
                            ? (prefix.isEmpty() ? "the action reads no settings" : "the gate has no settings")
                            : "known: " + String.join(", ", asked.stream().map(k -> prefix + k).toList())) + ")");
                }
            }
        }
        sections.forEach(s -> unknown.addAll(s.unknownKeys()));
        return unknown;
    }

    private SettingsReader section(String name) {
        asked.add(name);
        JsonNode v = node.path(name);
        SettingsReader section = new SettingsReader(prefix + name + ".",
                v.isMissingNode() || v.isNull() ? JsonNodeFactory.instance.objectNode() : v, routes, problems);
        if (!section.node.isObject()) {
            problem(prefix + name + " must be a mapping of settings, got " + v);
            section = new SettingsReader(prefix + name + ".", JsonNodeFactory.instance.objectNode(), routes, problems);
        }
        sections.add(section);
        return section;
    }

    /** The value of a scalar setting, or null when the entry does not say; a key without a value is a problem. */
    private @Nullable JsonNode value(String name) {
        asked.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode()) {
            return null;
        }
        if (v.isNull()) {
            problem(prefix + name + " has no value (leave the key out for the default)");
            return null;
        }
        return v;
    }

    private <T> T wrongType(String name, String what, JsonNode v, T fallback) {
        problem(prefix + name + " must be " + what + ", got " + v);
        return fallback;
    }

    private static boolean isWhole(JsonNode v) {
        return v.isIntegralNumber() || (v.isFloatingPointNumber() && v.canConvertToExactIntegral());
    }
}
