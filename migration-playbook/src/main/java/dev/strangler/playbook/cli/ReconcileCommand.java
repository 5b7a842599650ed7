package dev.strangler.playbook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.lab.LabPorts;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reconcile", description = "Compare the monolith's and the payment service's payments, chunk by chunk."
        + " Exits 1 when any row is missing, extra or different.")
final class ReconcileCommand extends LabCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WHAT", description = "What to reconcile: payments.")
    String what;

    @Option(names = "--settle", defaultValue = "10", paramLabel = "SECONDS",
            description = "Recheck differing rows for up to this long while the bridge catches up (default 10).")
    int settleSeconds;

    @Override
    public Integer call() {
        if (!"payments".equals(what)) {
            throw new IllegalArgumentException("only 'payments' can be reconciled, not '" + what + "'");
        }
        if (settleSeconds < 0 || settleSeconds > 300) {
            throw new IllegalArgumentException("--settle must be between 0 and 300 seconds");
        }
        LabPorts ports = LabPorts.fromEnvironment();
        JsonNode r = new CdcBridge(URI.create("http://127.0.0.1:" + ports.cdcBridge()))
                .reconcilePayments(Duration.ofSeconds(settleSeconds));
        out().printf("Reconciled %d legacy and %d service payments in %d chunks (%d ms).%n",
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
                + " ./strangler logs cdc-bridge and the bridge's dead letters (cdc-bridge/README.md).");
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
