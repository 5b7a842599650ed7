package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.StepOutcome;
import java.util.Map;

/**
 * What a gate decided from the figures it was given: passed, or failed with the sentence that says what failed and
 * the hint of what to try.
 */
record Verdict(boolean passed, String sentence, String hint) {

    static Verdict pass(String sentence) {
        return new Verdict(true, sentence, "");
    }

    static Verdict fail(String sentence, String hint) {
        return new Verdict(false, sentence, hint);
    }

    /** The step's outcome: this verdict with the step's evidence. */
    StepOutcome outcome(Map<String, Object> evidence) {
        return passed ? StepOutcome.passed(sentence, evidence) : StepOutcome.failed(sentence, evidence, hint);
    }
}
