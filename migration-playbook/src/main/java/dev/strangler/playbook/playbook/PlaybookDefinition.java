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
import org.jspecify.annotations.Nullable;

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
     * @param settings the settings of its action, typed and checked when the playbook was loaded
     */
    public record StepDefinition(String id, String action, String title, StepSettings settings) {

        /**
         * The settings as the record of the action that runs the step: each action asks for its own.
         *
         * @throws IllegalStateException when the step's settings are another action's (a definition built by hand)
         */
        public <S extends StepSettings> S settings(Class<S> type) {
            if (!type.isInstance(settings)) {
                throw new IllegalStateException("step '" + id + "' (" + action + ") has " + settings.getClass()
                        .getSimpleName() + ", not " + type.getSimpleName());
            }
            return type.cast(settings);
        }
    }

    /**
     * The playbook of an extraction descriptor ({@code playbook:}), each step's settings read and checked: an action
     * no step knows, a setting of the wrong type or out of its range, a key the action does not read refuse the
     * playbook, every problem named with its step and setting, before anything runs.
     */
    public static PlaybookDefinition of(Extraction extraction) {
        PlaybookSpec spec = extraction.playbook();
        List<StepDefinition> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (PlaybookSpec.Step s : spec.steps()) {
            String step = "step '" + s.id() + "' of extraction '" + extraction.name() + "'";
            if (!Actions.known().contains(s.action())) {
                problems.add(step + " has an unknown action '" + s.action() + "'; known: " + Actions.known());
                continue;
            }
            SettingsReader reader = SettingsReader.of(entry(s), spec.routes());
            @Nullable StepSettings settings = null;
            try {
                settings = Actions.settings(s.action(), reader);
            } catch (IllegalArgumentException e) {
                reader.problem(String.valueOf(e.getMessage()));
            }
            List<String> found = reader.problems();
            found.forEach(p -> problems.add(step + ": " + p));
            if (found.isEmpty() && settings != null) {
                steps.add(new StepDefinition(s.id(), s.action(), s.title(), settings));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() == 1 ? problems.getFirst() : problems.size()
                    + " problems in the playbook of extraction '" + extraction.name() + "':\n  "
                    + String.join("\n  ", problems));
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

    /** The step's entry (Jackson 3, as the descriptor module reads it) in this module's Jackson. */
    private static JsonNode entry(PlaybookSpec.Step step) {
        try {
            return JSON.readTree(step.settings().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
