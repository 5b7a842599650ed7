package dev.strangler.playbook.playbook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step found: passed with its evidence, or failed with what failed, the figures, and what to try.
 *
 * @param evidence the figures the gate looked at, written to the step's evidence file either way
 */
public record StepOutcome(boolean passed, String summary, Map<String, Object> evidence, String hint) {

    public static StepOutcome passed(String summary, Map<String, Object> evidence) {
        return new StepOutcome(true, summary, new LinkedHashMap<>(evidence), "");
    }

    public static StepOutcome failed(String summary, Map<String, Object> evidence, String hint) {
        return new StepOutcome(false, summary, new LinkedHashMap<>(evidence), hint);
    }
}
