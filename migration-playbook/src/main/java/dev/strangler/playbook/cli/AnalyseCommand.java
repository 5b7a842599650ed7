package dev.strangler.playbook.cli;

import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.MonolithBuild;
import dev.strangler.playbook.analysis.AnalysisOutput;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.HistoryEntry;
import dev.strangler.playbook.analysis.MonolithAnalysis;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strangler analyse}: reads the monolith's bytecode and writes {@code reports/analysis.md} and
 * {@code reports/analysis.json}, and appends the run to {@code reports/analysis-history.json} (the burndown).
 */
@Command(name = "analyse", aliases = "analyze",
        description = "Analyse the monolith's compiled classes for the extraction of payments: who uses the payment"
                + " tables, which packages depend on payments, where card data goes, the tangles, a coupling score"
                + " and the burndown of the frozen rule. Writes reports/analysis.md and reports/analysis.json.")
public final class AnalyseCommand implements Callable<Integer> {

    static final String CLASSES_DIR = "legacy-monolith/target/classes";
    static final String JAR = "legacy-monolith/target/legacy-monolith.jar";
    static final String STORE = "legacy-monolith/src/test/resources/archunit_store";

    @Spec
    CommandSpec spec;

    @Option(names = "--classes", paramLabel = "DIR|JAR",
            description = "The monolith's compiled classes: a classes directory or its jar (default: those of the"
                    + " build the lab runs, " + CLASSES_DIR + " (else " + JAR + "), or the decommissioned monolith's"
                    + " once the playbook's step 7 deployed it).")
    @Nullable Path classes;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the reports (default: reports/ in the repository, or $STRANGLER_REPORTS_DIR).")
    @Nullable Path out;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The monolith's ArchUnit freeze store, to compare with (default: " + STORE + ").")
    @Nullable Path store;

    @Override
    public Integer call() {
        Path home = Path.of(System.getProperty("strangler.home", "."));
        LabLayout layout = LabLayout.fromEnvironment();
        Path source = classes != null ? classes : MonolithBuild.current(layout).classes(layout);
        Path freezeStore = store != null ? store : home.resolve(STORE);
        Path outDir = out != null ? out : layout.reports();

        AnalysisReport report = MonolithAnalysis.analyse(source, Files.isDirectory(freezeStore) ? freezeStore : null,
                Clock.systemUTC());
        AnalysisOutput.Written written = AnalysisOutput.write(report, outDir);

        PrintWriter o = spec.commandLine().getOut();
        o.printf("Analysed %d classes of %s%n", report.classes(), report.source());
        long outside = report.tableAccesses().stream().filter(a -> !a.insidePayments())
                .map(a -> a.className().replaceFirst("\\$.*", "")).distinct().count();
        o.printf("  classes outside payments using payment tables  %d%n", outside);
        o.printf("  packages depending on payments               %d%n",
                report.inbound().stream().map(AnalysisReport.PackageDependency::from).distinct().count());
        o.printf("  card-data sites outside payments             %d%n",
                report.cardData().stream().filter(d -> !d.insidePayments() && !d.masked()).count());
        o.printf("  tangles                                      %d%n", report.tangles().size());
        o.printf("  coupling score                               %d%n", report.coupling().score());
        o.printf("  violations of \"%s\": %d%s%n", report.rule().rule(), report.rule().violations(),
                report.rule().frozen() == null ? "" : " (freeze store: " + report.rule().frozen() + ")");
        List<HistoryEntry> history = written.entries();
        if (history.size() > 1) {
            HistoryEntry previous = history.get(history.size() - 2);
            o.printf("  since the previous run (%s): violations %+d, coupling score %+d%n", previous.timestamp(),
                    report.rule().violations() - previous.violations(),
                    report.coupling().score() - previous.couplingScore());
        }
        o.printf("Wrote %s, %s and %s%n", written.markdown(), written.json(), written.history());
        return 0;
    }
}
