package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Gate: the CDC bridge finished the backfill of every table pair of the extraction, its lag is under the threshold,
 * and reconciliation of each pair finds no mismatch. Waits for the backfills (showing their progress) rather than
 * failing while they run.
 */
public final class CdcInSyncStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Wait for the CDC bridge's backfill of " + playbook.tablePairs() + ", then reconcile both sides of each."
                + " Gate: mismatches <= " + step.gateLong("max-mismatches", 0) + ", lag <= "
                + step.gateLong("max-lag-ms", 5000) + " ms. Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(step.gateLong("backfill-timeout-seconds", 600)));
        long maxMismatches = step.gateLong("max-mismatches", 0);
        long maxLag = step.gateLong("max-lag-ms", 5000);
        Duration settle = Duration.ofSeconds(step.gateLong("settle-seconds", 30));
        while (true) {
            JsonNode status = context.bridge().status();
            String backfilling = null;
            long snapshotRows = 0;
            for (String pair : playbook.tablePairs()) {
                JsonNode forward = CdcBridge.direction(status, pair, "legacy-to-service");
                JsonNode capture = forward.path("capture");
                snapshotRows += capture.path("snapshotRows").asLong();
                if (forward.isMissingNode()) {
                    return StepOutcome.failed("the CDC bridge does not serve the table pair '" + pair + "'",
                            Map.of("pair", pair), "the bridge serves the pairs whose databases it is given"
                                    + " (bridge.databases.*); ./strangler logs cdc-bridge");
                }
                if (!capture.path("snapshotCompleted").asBoolean() && capture.path("snapshotRows").asLong() > 0) {
                    backfilling = pair;
                    // the backfill runs: show its progress rather than reconcile a half-copied table
                    context.progress("backfill of %s: %d rows read, %d applied", pair,
                            capture.path("snapshotRows").asLong(), forward.path("apply").path("applied").asLong());
                }
            }
            if (backfilling == null) {
                PairSync sync = PairSync.of(context.bridge(), playbook.tablePairs(), "legacy-to-service", settle);
                Map<String, Object> evidence = sync.evidence();
                evidence.put("backfilledRows", snapshotRows);
                if (sync.mismatches() <= maxMismatches && sync.lagMs() <= maxLag) {
                    return StepOutcome.passed(sync.legacyRows() + " rows of " + playbook.tablePairs() + " in sync, "
                            + sync.mismatches() + " mismatches, lag " + sync.lagMs() + " ms", evidence);
                }
                if (Instant.now().isAfter(deadline)) {
                    return sync.mismatches() > maxMismatches
                            ? StepOutcome.failed(sync.mismatches() + " rows differ between the databases (gate: <= "
                                    + maxMismatches + ")", evidence, "./strangler reconcile " + playbook.name()
                                    + " names them; the bridge's dead letters and log say why (cdc-bridge/README.md)")
                            : StepOutcome.failed("the bridge lags " + sync.lagMs() + " ms (gate: <= " + maxLag
                                    + " ms)", evidence, "wait for the bridge to catch up, then run the playbook again");
                }
                context.progress("not in sync yet: %d mismatches, lag %d ms", sync.mismatches(), sync.lagMs());
            }
            if (Instant.now().isAfter(deadline)) {
                return StepOutcome.failed("the backfill did not finish in time", Map.of(
                        "snapshotRows", snapshotRows),
                        "./strangler logs cdc-bridge; curl localhost:8083/cdc/status");
            }
            StepContext.observe(Duration.ofSeconds(2));
        }
    }
}
