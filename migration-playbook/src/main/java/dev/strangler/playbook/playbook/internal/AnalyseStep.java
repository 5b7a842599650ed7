package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.analysis.AnalysisOutput;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeReport;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Analyses the monolith's classes for the playbook's extraction (who touches its tables, and card data when the
 * extraction looks for it, the coupling score, today's violations of the frozen rule) and writes
 * {@code analysis-<name>.md}/{@code .json} beside the evidence; each run adds a point to the burndown history.
 */
public final class AnalyseStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Analyse the monolith's classes for the extraction " + playbook.name() + " (extractions/"
                + playbook.name() + ".yaml): who touches its tables and card data, the coupling score, the frozen"
                + " rule's violations. Writes reports/" + AnalysisOutput.markdown(playbook.name()) + " and .json."
                + " Changes nothing in the lab.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        MonolithAnalysisRun.Done done = MonolithAnalysisRun.run(context, playbook.name());
        if (done == null) {
            return StepOutcome.failed("the monolith's classes are missing",
                    Map.of("looked at", MonolithAnalysisRun.classes(context).toString()), "./strangler up builds them");
        }
        AnalysisReport report = done.report();
        AnalysisOutput.Written written = done.written();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("classes", report.classes());
        evidence.put("tangles", report.tangles().size());
        evidence.put("couplingScore", report.coupling());
        evidence.put("ruleViolations", report.rule().violations());
        evidence.put("report", written.markdown().toString());
        // the PCI scope before the migration: the baseline that pci-scope (and the decommission gate) compare with
        Path baseline = context.reports().resolve(PciScopeReport.BASELINE);
        if (PciScopeReport.readBaseline(baseline) == null) {
            context.progress("scanning the lab for card numbers: the PCI scope before the migration");
            PciScopeScan scan = PciScope.scan(ScanTargets.lab(context.layout(), context.ports(), 1000), line -> { });
            PciScopeReport.Written pci = PciScopeReport.write(context.reports(), scan, false, false);
            evidence.put("pciScopeBaseline", pci.baselineFile().toString() + " (" + pci.baseline() + ")");
        } else {
            evidence.put("pciScopeBaseline", baseline + " (kept)");
        }
        return StepOutcome.passed(report.classes() + " classes analysed, " + report.tangles().size()
                + " tangles, " + report.rule().violations() + " violations of \"" + report.rule().rule() + "\"; see "
                + written.markdown(), evidence);
    }
}
