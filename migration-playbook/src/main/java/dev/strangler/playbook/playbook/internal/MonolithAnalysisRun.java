package dev.strangler.playbook.playbook.internal;

import dev.strangler.extraction.Extractions;
import dev.strangler.playbook.analysis.AnalysisOutput;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.AnalysisScope;
import dev.strangler.playbook.analysis.MonolithAnalysis;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.lab.MonolithBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The monolith's analysis as steps run it: for the playbook's extraction ({@code extractions/<name>.yaml}), on the
 * classes of the build the lab runs, with the monolith's freeze store, reports beside the evidence.
 */
final class MonolithAnalysisRun {

    static final String STORE = "legacy-monolith/src/test/resources/archunit_store";

    record Done(AnalysisReport report, AnalysisOutput.Written written) {
    }

    private MonolithAnalysisRun() {
    }

    /**
     * Null when the monolith's classes are not built. Each run also adds a point to the burndown history.
     *
     * @param extraction the extraction's name: the playbook's
     */
    static @Nullable Done run(StepContext context, String extraction) {
        Path classes = classes(context);
        if (!Files.exists(classes)) {
            return null;
        }
        AnalysisScope scope = AnalysisScope.of(Extractions.load(context.layout().inRepository("extractions"))
                .get(extraction));
        Path store = context.layout().inRepository(STORE);
        AnalysisReport report = MonolithAnalysis.analyse(classes, scope, Files.isDirectory(store) ? store : null,
                Clock.systemUTC());
        return new Done(report, AnalysisOutput.write(report, context.reports()));
    }

    /** The classes of the build the lab runs: the original monolith, or the decommissioned one after step 7. */
    static Path classes(StepContext context) {
        return MonolithBuild.current(context.layout()).classes(context.layout());
    }
}
