package dev.strangler.playbook.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A playbook file: its name, the routes it moves and its steps in order.
 *
 * @param routes the proxy routes the playbook moves together
 */
public record PlaybookDefinition(String name, String description, List<String> routes, List<StepDefinition> steps) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One step.
     *
     * @param settings the step's whole entry (its gate, windows, rates), read by the action
     */
    public record StepDefinition(String id, String action, String title, JsonNode settings) {

        public JsonNode gate() {
            return settings.path("gate");
        }

        public int intSetting(String name, int fallback) {
            return settings.path(name).asInt(fallback);
        }

        public double gateDouble(String name, double fallback) {
            return gate().path(name).asDouble(fallback);
        }

        public long gateLong(String name, long fallback) {
            return gate().path(name).asLong(fallback);
        }
    }

    /** Reads and checks a playbook file; a broken one is refused with what is wrong. */
    public static PlaybookDefinition read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the playbook " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the playbook " + file + " is not a YAML mapping");
        }
        String name = required(root, "name", file);
        List<String> routes = new ArrayList<>();
        root.path("routes").forEach(r -> routes.add(r.asText()));
        List<StepDefinition> steps = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode s : root.path("steps")) {
            String id = required(s, "id", file);
            if (!ids.add(id)) {
                throw new IllegalArgumentException("the playbook " + file + " has two steps with id '" + id + "'");
            }
            String action = required(s, "action", file);
            if (!Actions.known().contains(action)) {
                throw new IllegalArgumentException("step '" + id + "' of " + file + " has an unknown action '"
                        + action + "'; known: " + Actions.known());
            }
            steps.add(new StepDefinition(id, action, s.path("title").asText(id), s));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the playbook " + file + " has no steps");
        }
        return new PlaybookDefinition(name, root.path("description").asText(""), List.copyOf(routes),
                List.copyOf(steps));
    }

    private static String required(JsonNode node, String field, Path file) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new IllegalArgumentException("the playbook " + file + " lacks '" + field + "' in " + node);
        }
        return value;
    }
}
