package dev.strangler.playbook.cli;

import dev.strangler.playbook.context.StranglerContext;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import dev.strangler.playbook.pcireport.PciScope;
import dev.strangler.playbook.pcireport.PciScopeReport;
import dev.strangler.playbook.pcireport.PciScopeScan;
import dev.strangler.playbook.pcireport.ScanTargets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strangler pci-scope}: where card numbers are, by evidence, before and after the migration. */
@Command(name = "pci-scope", description = {
        "Scan the lab for card numbers (every text column of both databases, every file of both database servers' data"
                + " directories as bytes, a sample of every Kafka topic, every log file) and write reports/pci-scope.md"
                + " and .json: which processes, tables and columns, database files (WAL, relation files), topics and"
                + " log files hold them, beside the first scan (the baseline), with a diagram of the cardholder-data"
                + " environment. Reports show counts, places and last four digits only.",
        "With --expect-extracted, exits 1 when a card number is found anywhere outside the payment service's vault, or"
                + " when a source cannot be scanned."})
public final class PciScopeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the reports go (default: reports/ in the repository,"
            + " or $STRANGLER_REPORTS_DIR).")
    @Nullable Path out;

    @Option(names = "--expect-extracted", description = "After cutover: fail (exit 1) on any card number outside the vault.")
    boolean expectExtracted;

    @Option(names = "--reset-baseline", description = "Make this scan the new baseline (the first scan is kept otherwise).")
    boolean resetBaseline;

    @Option(names = "--kafka-sample", defaultValue = "1000", paramLabel = "N",
            description = "Records read from the start and from the end of every partition (default ${DEFAULT-VALUE}).")
    int kafkaSample;

    @Option(names = "--legacy-db", paramLabel = "JDBC-URL", description = "The monolith's database (default: the"
            + " context's databases.shop; in the lab port 15432 + offset, db shop).")
    @Nullable String legacyDb;

    @Option(names = "--payments-db", paramLabel = "JDBC-URL", description = "The payment service's database (default:"
            + " the context's databases.payments; in the lab port 15433 + offset, db payments).")
    @Nullable String paymentsDb;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "The broker (default: the context's kafka; in the"
            + " lab 127.0.0.1:9092 + offset).")
    @Nullable String kafka;

    @Option(names = "--logs", paramLabel = "DIR", description = "The log directory (default: the context's logs; in the"
            + " lab its logs/).")
    @Nullable Path logs;

    @Option(names = "--legacy-db-data", paramLabel = "DIR", description = "The monolith's database server's data"
            + " directory, read as bytes (default: the lab's data/legacy-db, unless --legacy-db names another server).")
    @Nullable Path legacyDbData;

    @Option(names = "--payments-db-data", paramLabel = "DIR", description = "The payment service's database server's"
            + " data directory, read as bytes (default: the lab's data/payments-db, unless --payments-db names another"
            + " server).")
    @Nullable Path paymentsDbData;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (kafkaSample < 1 || kafkaSample > 1_000_000) {
            throw new IllegalArgumentException("--kafka-sample must be between 1 and 1000000");
        }
        StranglerContext context = ContextChoice.context(spec);
        ScanTargets targets = targets(context);
        o.println("Scanning " + (context.isLab() ? targets.lab() : context.where()) + " for card numbers ...");
        if (!context.isLab() && !notNamed(context, targets).isEmpty()) {
            o.println("  not named by the context, so not scanned: " + String.join(", ", notNamed(context, targets)));
        }
        o.flush();
        PciScopeScan scan = PciScope.scan(targets, line -> {
            o.println("  " + line);
            o.flush();
        });
        int sources = targets.databases().size() + targets.dataDirectories().size()
                + (targets.kafkaBootstrap() == null ? 0 : 1) + (targets.logs() == null ? 0 : 1);
        if (scan.unscanned().size() >= sources && scan.findings().isEmpty()) {
            spec.commandLine().getErr().println("error: nothing could be scanned: " + (context.isLab()
                    ? "is the lab up (./strangler up, ./strangler status)?"
                    : "can this machine reach what " + context.where() + " names?") + " No report written.");
            spec.commandLine().getErr().flush();
            return 1;
        }
        PciScopeReport.Written written = PciScopeReport.write(out != null ? out : LabLayout.fromEnvironment().reports(),
                scan, resetBaseline, expectExtracted);
        PciScopeScan baseline = written.evidence().baseline();

        o.println();
        List<PciScopeScan.Finding> outside = scan.outsideVault();
        o.printf(Locale.ROOT, "Places holding card numbers in clear outside the vault: %d now, %d at the baseline (%s).%n",
                outside.size(), baseline.outsideVault().size(), baseline.scannedAt());
        for (PciScopeScan.Finding f : outside) {
            o.printf(Locale.ROOT, "  %-40s %-16s %,9d card numbers  %s%n", f.location(), f.component(), f.occurrences(),
                    String.join(", ", f.last4()));
        }
        scan.byDesign().stream().filter(b -> b.count() >= 0).forEach(b ->
                o.printf(Locale.ROOT, "  %-40s %-16s %,9d encrypted cards (vault, in scope by design)%n", b.location(),
                        b.component(), b.count()));
        o.println("Processes in scope: " + scan.processes().stream()
                .map(p -> p.component() + (p.byDesign() ? " (by design)" : ""))
                .collect(Collectors.joining(", ")));
        if (!scan.unscanned().isEmpty()) {
            o.println("Not scanned: " + scan.unscanned().stream().map(u -> u.what() + " (" + u.reason() + ")")
                    .collect(Collectors.joining("; ")));
        }
        o.printf("Report: %s, %s (baseline %s%s)%n", written.markdown(), written.json(), written.baselineFile(),
                switch (written.baseline()) {
                    case CREATED -> ", written now from this scan";
                    case KEPT -> "";
                    case NONE_INCOMPLETE_SCAN -> ": not written, this scan is incomplete";
                });
        if (!expectExtracted) {
            o.flush();
            return 0;
        }
        List<String> reasons = written.evidence().outsideScope();
        if (reasons.isEmpty()) {
            o.println("PASS: card numbers only in the payment service's vault (and the bridge's capture, by design).");
            o.flush();
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("FAIL: card numbers outside the payment service's vault, or sources not scanned:");
        reasons.forEach(r -> err.println("  " + r));
        err.flush();
        o.flush();
        return 1;
    }

    private ScanTargets targets(StranglerContext context) {
        LabLayout layout = LabLayout.fromEnvironment();
        // the lab's targets say what each database is (its owner, its vault, who reads it); a context says where
        ScanTargets lab = ScanTargets.lab(layout, context.isLab() ? LabPorts.fromEnvironment() : new LabPorts(0),
                kafkaSample);
        List<ScanTargets.DatabaseTarget> databases = new ArrayList<>();
        List<ScanTargets.DataDirectory> dataDirectories = new ArrayList<>();
        for (ScanTargets.DatabaseTarget db : lab.databases()) {
            boolean legacy = db.component().equals("legacy-db");
            String url = legacy ? legacyDb : db.component().equals("payments-db") ? paymentsDb : null;
            Path data = legacy ? legacyDbData : db.component().equals("payments-db") ? paymentsDbData : null;
            if (!context.isLab()) {
                String option = legacy ? "--legacy-db" : "--payments-db";
                StranglerContext.Database configured = url != null ? null : context.requireDatabase(db.database(),
                        "pci-scope", ", unless " + option + " names it");
                String jdbcUrl = configured == null ? url : configured.jdbcUrl();
                ScanTargets.Login login = configured == null ? ScanTargets.Login.NONE : new ScanTargets.Login(
                        configured.user(), context.databasePassword(db.database(), System::getenv));
                databases.add(new ScanTargets.DatabaseTarget(db.component(), db.database(), jdbcUrl, db.owner(),
                        db.vaultTable(), db.readers(), login));
                Path directory = data != null ? data : configured == null ? null : configured.dataDirectory();
                if (directory != null) {
                    dataDirectories.add(new ScanTargets.DataDirectory(db.component(), directory, jdbcUrl, login));
                }
                continue;
            }
            databases.add(new ScanTargets.DatabaseTarget(db.component(), db.database(), url != null ? url : db.jdbcUrl(),
                    db.owner(), db.vaultTable(), db.readers()));
            // another server than the lab's is read through its files only when its data directory is given too
            lab.dataDirectories().stream().filter(d -> d.component().equals(db.component()))
                    .filter(d -> data != null || url == null)
                    .map(d -> new ScanTargets.DataDirectory(d.component(), data != null ? data : d.directory(),
                            url != null ? url : d.jdbcUrl()))
                    .forEach(dataDirectories::add);
        }
        if (context.isLab()) {
            return new ScanTargets(lab.lab(), databases, kafka != null ? kafka : lab.kafkaBootstrap(),
                    logs != null ? logs : lab.logs(), dataDirectories, kafkaSample, lab.byDesign());
        }
        String bootstrap = kafka != null ? kafka
                : context.requireKafka("pci-scope", ", unless --kafka names it").bootstrapServers();
        // log locations are shown relative to a scan's "lab": a deployment has none, its name stands in the report
        return new ScanTargets(Path.of("context " + context.name()), databases, bootstrap,
                logs != null ? logs : context.logs(), dataDirectories, kafkaSample, lab.byDesign(),
                context.kafkaClientProperties());
    }

    /** What a context leaves unscanned by not naming it (a deployment's files are often out of this machine's reach). */
    private static List<String> notNamed(StranglerContext context, ScanTargets targets) {
        List<String> missing = new ArrayList<>();
        if (targets.logs() == null) {
            missing.add("log files (logs)");
        }
        for (ScanTargets.DatabaseTarget db : targets.databases()) {
            if (targets.dataDirectories().stream().noneMatch(d -> d.component().equals(db.component()))) {
                missing.add(db.component() + "'s files (databases." + db.database() + ".data-directory)");
            }
        }
        return missing;
    }
}
