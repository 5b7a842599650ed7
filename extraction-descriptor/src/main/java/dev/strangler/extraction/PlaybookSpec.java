package dev.strangler.extraction;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The extraction's playbook: the routes it moves together and its steps in order.
 *
 * @param routes the routes moved by the shadow, canary and cut-over steps (all the extraction's when not said)
 */
public record PlaybookSpec(List<String> routes, List<Step> steps) {

    public PlaybookSpec {
        routes = List.copyOf(routes);
        steps = List.copyOf(steps);
    }

    /**
     * One step.
     *
     * @param settings the step's whole entry (gate, windows, rates): each action reads its own typed settings from it
     */
    public record Step(String id, String action, String title, JsonNode settings) {
    }
}
