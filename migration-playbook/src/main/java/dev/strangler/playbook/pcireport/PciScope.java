package dev.strangler.playbook.pcireport;

import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.internal.DataFileScanner;
import dev.strangler.playbook.pcireport.internal.DatabaseScanner;
import dev.strangler.playbook.pcireport.internal.LogScanner;
import dev.strangler.playbook.pcireport.internal.ScopeRules;
import dev.strangler.playbook.pcireport.internal.TopicScanner;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Scans the lab for card numbers: every text column of every table of its databases, every file of its database
 * servers' data directories (as bytes), a sample of every Kafka topic, every log file. A source that cannot be read is reported as unscanned (never silently skipped): evidence with a hole
 * in it cannot prove a scope.
 */
public final class PciScope {

    private PciScope() {
    }

    /** Scans {@code targets}; {@code progress} hears one line per source as it goes. */
    public static PciScopeScan scan(ScanTargets targets, Consumer<String> listener) {
        Consumer<String> progress = line -> listener.accept(CardNumberScanner.redact(line));
        String scannedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<PciScopeScan.Finding> findings = new ArrayList<>();
        List<PciScopeScan.ByDesign> byDesign = new ArrayList<>();
        List<PciScopeScan.Unscanned> unscanned = new ArrayList<>();
        int tables = 0;
        int columns = 0;
        long candidates = 0;
        for (ScanTargets.DatabaseTarget db : targets.databases()) {
            try {
                DatabaseScanner.Result r = DatabaseScanner.scan(db);
                findings.addAll(r.findings());
                byDesign.addAll(r.byDesign());
                tables += r.tables();
                columns += r.textColumns();
                candidates += r.candidateRows();
                progress.accept(String.format(Locale.ROOT, "%s (database %s): %d tables, %d text columns; card numbers: %s",
                        db.component(), db.database(), r.tables(), r.textColumns(), count(r.findings().size(), "column")));
            } catch (java.sql.SQLException e) {
                unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.DATABASE, db.component() + " (database "
                        + db.database() + ")", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                progress.accept(db.component() + ": NOT SCANNED (" + e.getMessage() + ")");
            }
        }
        int topics = 0;
        long records = 0;
        if (targets.kafkaBootstrap() != null) {
            String bootstrap = targets.kafkaBootstrap();
            if (!listening(bootstrap)) {
                unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.KAFKA_TOPIC, "kafka (" + bootstrap + ")",
                        "nothing listens on " + bootstrap));
                progress.accept("kafka: NOT SCANNED (nothing listens on " + bootstrap + ")");
            } else {
                try {
                    TopicScanner.Result r = TopicScanner.scan(bootstrap, targets.kafkaClient(), targets.samplePerPartition());
                    findings.addAll(r.findings());
                    topics = r.topics();
                    records = r.records();
                    r.incomplete().forEach(what -> unscanned.add(new PciScopeScan.Unscanned(
                            PciScopeScan.Source.KAFKA_TOPIC, what, "sample incomplete")));
                    progress.accept(String.format(Locale.ROOT, "kafka: %d topics, %d records sampled; card numbers: %s",
                            r.topics(), r.records(), count(r.findings().size(), "topic")));
                } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.KAFKA_TOPIC, "kafka (" + bootstrap + ")",
                            cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
                    progress.accept("kafka: NOT SCANNED (" + cause.getMessage() + ")");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading Kafka", e);
                }
            }
        }
        int logFiles = 0;
        long logBytes = 0;
        if (targets.logs() != null) {
            if (!Files.isDirectory(targets.logs())) {
                unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.LOG_FILE, targets.logs().toString(),
                        "no such directory"));
                progress.accept("logs: NOT SCANNED (no directory " + targets.logs() + ")");
            } else {
                try {
                    LogScanner.Result r = LogScanner.scan(targets.logs(), targets.lab());
                    findings.addAll(r.findings());
                    logFiles = r.files();
                    logBytes = r.bytes();
                    r.unreadable().forEach(what -> unscanned.add(new PciScopeScan.Unscanned(
                            PciScopeScan.Source.LOG_FILE, what, "unreadable")));
                    progress.accept(String.format(Locale.ROOT, "logs: %d files, %.1f MB; card numbers: %s", r.files(),
                            r.bytes() / 1048576.0, count(r.findings().size(), "file")));
                } catch (java.io.IOException e) {
                    unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.LOG_FILE, targets.logs().toString(),
                            String.valueOf(e.getMessage())));
                }
            }
        }
        long dataFiles = 0;
        long dataBytes = 0;
        for (ScanTargets.DataDirectory data : targets.dataDirectories()) {
            String what = data.component() + " files (" + data.directory() + ")";
            if (!Files.isDirectory(data.directory())) {
                unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.DATA_FILE, what, "no such directory"));
                progress.accept(what + ": NOT SCANNED (no such directory)");
                continue;
            }
            try {
                DataFileScanner.Result r = DataFileScanner.scan(data);
                findings.addAll(r.findings());
                dataFiles += r.files();
                dataBytes += r.bytes();
                r.unreadable().forEach(file -> unscanned.add(new PciScopeScan.Unscanned(
                        PciScopeScan.Source.DATA_FILE, file, "unreadable")));
                progress.accept(String.format(Locale.ROOT, "%s: %,d files, %.1f MB; card numbers: %s", what, r.files(),
                        r.bytes() / 1048576.0, count(r.findings().size(), "file group")));
            } catch (java.io.IOException e) {
                unscanned.add(new PciScopeScan.Unscanned(PciScopeScan.Source.DATA_FILE, what,
                        String.valueOf(e.getMessage())));
                progress.accept(what + ": NOT SCANNED (" + e.getMessage() + ")");
            }
        }
        byDesign.addAll(targets.byDesign());
        return new PciScopeScan(scannedAt, targets.lab().toString(), findings, byDesign,
                ScopeRules.processes(targets, findings, byDesign),
                new PciScopeScan.Coverage(targets.databases().size(), tables, columns, candidates, topics, records,
                        logFiles, logBytes, targets.dataDirectories().size(), dataFiles, dataBytes),
                unscanned);
    }

    private static String count(int n, String thing) {
        return n == 0 ? "none" : n + " " + thing + (n == 1 ? "" : "s");
    }

    private static boolean listening(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 2000);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
