package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.playbook.CdcInSyncSettings;
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
        CdcInSyncSettings settings = step.settings(CdcInSyncSettings.class);
        return "Wait for the CDC bridge's backfill of " + playbook.tablePairs() + ", then reconcile both sides of each."
                + " Gate: mismatches <= " + settings.maxMismatches() + ", lag <= " + settings.maxLagMs()
                + " ms. Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        CdcInSyncSettings settings = step.settings(CdcInSyncSettings.class);
        Instant deadline = Instant.now().plus(settings.backfillTimeout());
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
                PairSync sync = PairSync.of(context.bridge(), playbook.tablePairs(), "legacy-to-service",
                        settings.settle());
                Map<String, Object> evidence = sync.evidence();
                evidence.put("backfilledRows", snapshotRows);
                Verdict verdict = CdcInSyncGate.judge(settings, sync.mismatches(), sync.lagMs(), playbook.name());
                if (verdict.passed()) {
                    return StepOutcome.passed(sync.legacyRows() + " rows of " + playbook.tablePairs() + " in sync, "
                            + verdict.sentence(), evidence);
                }
                if (Instant.now().isAfter(deadline)) {
                    return verdict.outcome(evidence);
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
