package dev.strangler.playbook.cli;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.playbook.analysis.AnalysisOutput;
import dev.strangler.playbook.analysis.AnalysisReport;
import dev.strangler.playbook.analysis.AnalysisScope;
import dev.strangler.playbook.analysis.HistoryEntry;
import dev.strangler.playbook.analysis.MonolithAnalysis;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.MonolithBuild;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strangler analyse [extraction]}: reads an application's bytecode for the extraction of one capability and
 * writes {@code reports/analysis-<name>.md} and {@code reports/analysis-<name>.json}, and appends the run to
 * {@code reports/analysis-<name>-history.json} (the burndown). The capability comes from the extraction's descriptor
 * ({@code extractions/<name>.yaml}, {@code analysis:}), or from {@code --packages} and {@code --tables} for any jar.
 */
@Command(name = "analyse", aliases = "analyze",
        description = "Analyse compiled classes for the extraction of a capability: who uses its tables (jOOQ or SQL"
                + " text), which packages depend on it, where card data goes (when the extraction looks for it), the"
                + " tangles, a coupling score and the burndown of the frozen rule. Reads extractions/<name>.yaml's"
                + " analysis: section, or --packages and --tables for any jar. Writes reports/analysis-<name>.md and"
                + " .json.")
public final class AnalyseCommand implements Callable<Integer> {

    static final String CLASSES_DIR = "legacy-monolith/target/classes";
    static final String JAR = "legacy-monolith/target/legacy-monolith.jar";
    static final String STORE = "legacy-monolith/src/test/resources/archunit_store";
    static final String DEFAULT_EXTRACTION = "payments";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXTRACTION",
            description = "The extraction to analyse: the name of a descriptor in extractions/ (default: "
                    + DEFAULT_EXTRACTION + "). Not with --packages.")
    @Nullable String extraction;

    @Option(names = {"--classes", "--jar"}, paramLabel = "DIR|JAR",
            description = "The compiled classes: a classes directory, a jar or a Spring Boot jar (default: the"
                    + " monolith's, of the build the lab runs, " + CLASSES_DIR + " (else " + JAR + "), or the"
                    + " decommissioned monolith's once the playbook's step 7 deployed it).")
    @Nullable Path classes;

    @Option(names = "--packages", split = ",", paramLabel = "PACKAGE",
            description = "Without a descriptor: the capability's packages (with their sub-packages), comma"
                    + " separated. Needs --tables.")
    @Nullable List<String> packages;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Without a descriptor: the tables that leave with the capability, comma separated.")
    @Nullable List<String> tables;

    @Option(names = "--root-package", paramLabel = "PACKAGE",
            description = "The application's root package (default: the descriptor's; without one, the package all"
                    + " the classes share).")
    @Nullable String rootPackage;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Without a descriptor: the name of the reports (default: the last part of the first"
                    + " package, e.g. billing).")
    @Nullable String name;

    @Option(names = "--card-data",
            description = "Without a descriptor: also look for card numbers (a descriptor turns this on with"
                    + " scope.sensitive-data: card-numbers).")
    boolean cardData;

    @Option(names = "--extractions", paramLabel = "DIR",
            description = "Where the descriptors are (default: extractions/ in the repository).")
    @Nullable Path extractions;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the reports (default: reports/ in the repository, or $STRANGLER_REPORTS_DIR).")
    @Nullable Path out;

    @Option(names = "--store", paramLabel = "DIR",
            description = "An ArchUnit freeze store to compare the frozen rule with (default with a descriptor: "
                    + STORE + "; without one: none).")
    @Nullable Path store;

    @Override
    public Integer call() {
        LabLayout layout = LabLayout.fromEnvironment();
        AnalysisScope scope = scope(layout);
        Path source = classes != null ? classes : MonolithBuild.current(layout).classes(layout);
        Path freezeStore = store != null ? store : packages == null ? layout.inRepository(STORE) : null;
        Path outDir = out != null ? out : layout.reports();

        AnalysisReport report = MonolithAnalysis.analyse(source, scope,
                freezeStore != null && Files.isDirectory(freezeStore) ? freezeStore : null, Clock.systemUTC());
        AnalysisOutput.Written written = AnalysisOutput.write(report, outDir);

        String n = report.extraction();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Analysed %d classes of %s for the extraction of %s%n", report.classes(), report.source(), n);
        o.printf("  root package %s; %s: %s; tables: %s%n",
                report.rootPackage().isEmpty() ? "(none)" : report.rootPackage(), n,
                String.join(", ", report.packages()), String.join(", ", report.tables()));
        long outside = report.tableAccesses().stream()
                .filter(a -> !a.insideCapability() && report.tables().contains(a.table()))
                .map(a -> a.className().replaceFirst("\\$.*", "")).distinct().count();
        o.printf("  %-46s %d%n", "classes outside " + n + " using its tables", outside);
        o.printf("  %-46s %d%n", "packages depending on " + n,
                report.inbound().stream().map(AnalysisReport.PackageDependency::from).distinct().count());
        if (report.cardDataSearched()) {
            o.printf("  %-46s %d%n", "card-data sites outside " + n,
                    report.cardData().stream().filter(d -> !d.insideCapability() && !d.masked()).count());
        }
        o.printf("  %-46s %d%n", "tangles", report.tangles().size());
        o.printf("  %-46s %d%n", "coupling score", report.coupling().score());
        o.printf("  violations of \"%s\": %d%s%n", report.rule().rule(), report.rule().violations(),
                report.rule().frozen() == null ? "" : " (freeze store: " + report.rule().frozen() + ")");
        Set<String> unused = new TreeSet<>(report.tables());
        report.tableAccesses().forEach(a -> unused.remove(a.table()));
        if (!unused.isEmpty()) {
            o.printf("  no class uses %s: check the table names%n", String.join(", ", unused));
        }
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

    /** The descriptor's scope, or the one --packages and --tables give. */
    private AnalysisScope scope(LabLayout layout) {
        if (packages != null || tables != null) {
            if (extraction != null) {
                throw new IllegalArgumentException("give an extraction or --packages and --tables, not both");
            }
            if (packages == null || tables == null) {
                throw new IllegalArgumentException("--packages and --tables go together: the capability's packages"
                        + " and the tables that leave with it");
            }
            return AnalysisScope.adHoc(name, rootPackage, trimmed(packages), trimmed(tables), cardData);
        }
        if (name != null || cardData) {
            throw new IllegalArgumentException("--name and --card-data go with --packages and --tables; an"
                    + " extraction's descriptor says both");
        }
        String wanted = extraction != null ? extraction : DEFAULT_EXTRACTION;
        Extractions all = Extractions.load(extractions != null ? extractions : layout.inRepository("extractions"));
        Extraction found = all.find(wanted).orElseThrow(() -> new IllegalArgumentException("no extraction '"
                + wanted + "' in extractions/; there are " + all.all().stream().map(Extraction::name).toList()
                + " (or analyse any jar with --jar, --packages and --tables)"));
        AnalysisScope scope = AnalysisScope.of(found);
        return rootPackage != null ? scope.withRoot(rootPackage) : scope;
    }

    private static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toList());
    }
}
