package dev.strangler.playbook.playbook;

import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;

/** An action of the playbook. Running it twice is safe: it looks at the lab first and only does what is missing. */
public interface Step {

    /** What the step will do, for {@code --dry-run}. */
    String plan(StepDefinition step, PlaybookDefinition playbook);

    StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception;

    /** Undoes what {@link #run} changed in the lab; a step that only looks changes nothing. */
    default String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        return "nothing to undo";
    }
}
