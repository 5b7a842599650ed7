package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.Extractions;
import dev.strangler.extraction.TablePair;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.context.ContextException;
import dev.strangler.playbook.context.StranglerContext;
import dev.strangler.playbook.lab.LabLayout;
import dev.strangler.playbook.lab.LabPorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reconcile", description = "Compare the monolith's and the extracted service's tables of an extraction,"
        + " chunk by chunk (every table pair its descriptor names). Exits 1 when any row is missing, extra or"
        + " different.")
final class ReconcileCommand extends LabCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXTRACTION",
            description = "The extraction to reconcile: the name of a descriptor in extractions/ (e.g. payments).")
    String what;

    @Option(names = "--settle", defaultValue = "10", paramLabel = "SECONDS",
            description = "Recheck differing rows for up to this long while the bridge catches up (default 10).")
    int settleSeconds;

    @Override
    public Integer call() {
        if (settleSeconds < 0 || settleSeconds > 300) {
            throw new IllegalArgumentException("--settle must be between 0 and 300 seconds");
        }
        StranglerContext context = ContextChoice.context(spec);
        CdcBridge bridge = context.isLab()
                ? new CdcBridge(URI.create("http://127.0.0.1:" + LabPorts.fromEnvironment().cdcBridge()))
                : new CdcBridge(context.requireCdcBridge("reconcile"), "is cdc-bridge of " + context.where()
                        + " right, and the bridge up?");
        Path directory = context.extractionsOr(LabLayout.fromEnvironment().inRepository("extractions"));
        boolean named = !context.isLab() && context.extractions() != null;
        if (named && !java.nio.file.Files.isDirectory(directory)) {
            throw new ContextException(context.field("extractions") + ": no directory " + directory);
        }
        Extractions extractions = Extractions.load(directory);
        Extraction extraction = extractions.find(what).orElseThrow(() -> new IllegalArgumentException(
                "no extraction '" + what + "' in " + (named ? directory : "extractions/")
                        + "; there are " + extractions.all().stream().map(Extraction::name).toList()));
        int exit = 0;
        for (TablePair pair : extraction.data()) {
            exit = Math.max(exit, report(pair.name(), bridge.reconcile(pair.name(),
                    Duration.ofSeconds(settleSeconds)), context.isLab()));
        }
        return exit;
    }

    private int report(String pair, JsonNode r, boolean lab) {
        out().printf("%s: reconciled %d legacy and %d service rows in %d chunks (%d ms).%n", pair,
                r.path("legacyRows").asLong(), r.path("serviceRows").asLong(), r.path("chunks").asInt(),
                r.path("tookMillis").asLong());
        long mismatches = r.path("missingCount").asLong() + r.path("extraCount").asLong()
                + r.path("differingCount").asLong();
        if (mismatches == 0) {
            out().println("Consistent: 0 mismatches.");
            return 0;
        }
        out().printf("%d mismatches:%n", mismatches);
        line("missing in the service", r, "missingCount", "missingInService");
        line("extra in the service", r, "extraCount", "extraInService");
        line("different", r, "differingCount", "differing");
        out().println("Rows still in flight settle within seconds: run it again. Rows that stay different: see"
                + (lab ? " ./strangler logs cdc-bridge" : " the CDC bridge's log")
                + " and the bridge's dead letters (cdc-bridge/README.md).");
        return 1;
    }

    private void line(String label, JsonNode report, String count, String ids) {
        long n = report.path(count).asLong();
        if (n > 0) {
            StringBuilder list = new StringBuilder();
            report.path(ids).forEach(id -> list.append(list.isEmpty() ? "" : ", ").append(id.asLong()));
            out().printf("  %-24s %6d  ids: %s%s%n", label, n, list, n > report.path(ids).size() ? ", ..." : "");
        }
    }
}
