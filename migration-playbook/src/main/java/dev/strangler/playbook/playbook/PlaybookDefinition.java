package dev.strangler.playbook.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.PlaybookSpec;
import dev.strangler.extraction.RouteSpec;
import dev.strangler.extraction.TablePair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An extraction's playbook: the extraction it moves (its routes, table pairs and services, from its descriptor), the
 * routes it moves together and its steps in order.
 *
 * @param routes the proxy routes the playbook moves together
 */
public record PlaybookDefinition(Extraction extraction, List<String> routes, List<StepDefinition> steps) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PlaybookDefinition {
        routes = List.copyOf(routes);
        steps = List.copyOf(steps);
    }

    /** The extraction's name: the playbook's state, evidence and rehearsal are named after it. */
    public String name() {
        return extraction.name();
    }

    public String description() {
        return extraction.description();
    }

    /** The table pairs the CDC bridge keeps in step for this extraction, by name. */
    public List<String> tablePairs() {
        return extraction.data().stream().map(TablePair::name).toList();
    }

    /** The routes of the playbook that only read (GET, HEAD): what the playbook's own load asks. */
    public List<RouteSpec> readRoutes() {
        List<RouteSpec> reads = new ArrayList<>();
        for (RouteSpec r : extraction.routes()) {
            if (routes.contains(r.id()) && r.readOnly()) {
                reads.add(r);
            }
        }
        return reads;
    }

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

    /** The playbook of an extraction descriptor ({@code playbook:}); an action no step knows is refused. */
    public static PlaybookDefinition of(Extraction extraction) {
        PlaybookSpec spec = extraction.playbook();
        List<StepDefinition> steps = new ArrayList<>();
        for (PlaybookSpec.Step s : spec.steps()) {
            if (!Actions.known().contains(s.action())) {
                throw new IllegalArgumentException("step '" + s.id() + "' of extraction '" + extraction.name()
                        + "' has an unknown action '" + s.action() + "'; known: " + Actions.known());
            }
            steps.add(new StepDefinition(s.id(), s.action(), s.title(), settings(s)));
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the playbook of extraction '" + extraction.name() + "' has no steps");
        }
        return new PlaybookDefinition(extraction, spec.routes(), steps);
    }

    /** The playbook of the descriptor in {@code file}; a descriptor that does not validate is refused with why. */
    public static PlaybookDefinition read(Path file) {
        return of(Extractions.read(file));
    }

    /** The descriptor's settings (Jackson 3, as the descriptor module reads them) in this module's Jackson. */
    private static JsonNode settings(PlaybookSpec.Step step) {
        try {
            return JSON.readTree(step.settings().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
