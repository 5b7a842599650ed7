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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gate: the CDC bridge finished its backfill, its lag is under the threshold, and reconciliation of both payments
 * tables finds no mismatch. Waits for the backfill (showing its progress) rather than failing while it runs.
 */
public final class CdcInSyncStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Wait for the CDC bridge's backfill, then reconcile both payments tables. Gate: mismatches <= "
                + step.gateLong("max-mismatches", 0) + ", lag <= " + step.gateLong("max-lag-ms", 5000)
                + " ms. Changes nothing.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(step.gateLong("backfill-timeout-seconds", 600)));
        long maxMismatches = step.gateLong("max-mismatches", 0);
        long maxLag = step.gateLong("max-lag-ms", 5000);
        Duration settle = Duration.ofSeconds(step.gateLong("settle-seconds", 30));
        while (true) {
            JsonNode forward = CdcBridge.direction(context.bridge().status(), playbook.name(), "legacy-to-service");
            JsonNode capture = forward.path("capture");
            if (!capture.path("snapshotCompleted").asBoolean() && capture.path("snapshotRows").asLong() > 0) {
                // the backfill runs: show its progress rather than reconcile a half-copied table
                context.progress("backfill: %d rows read, %d applied", capture.path("snapshotRows").asLong(),
                        forward.path("apply").path("applied").asLong());
            } else {
                JsonNode report = context.bridge().reconcile(playbook.name(), settle);
                // the direction's lag is measured from the source (the oldest change not yet in Kafka, WAL the slot
                // has not confirmed) as well as at the applier: a bridge cut off from Kafka is not "in sync"
                JsonNode direction = CdcBridge.direction(context.bridge().status(), playbook.name(),
                        "legacy-to-service");
                long lag = Math.max(direction.path("lagMs").asLong(), direction.path("apply").path("lagMs").asLong());
                long mismatches = report.path("missingCount").asLong() + report.path("extraCount").asLong()
                        + report.path("differingCount").asLong();
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("legacyRows", report.path("legacyRows").asLong());
                evidence.put("serviceRows", report.path("serviceRows").asLong());
                evidence.put("mismatches", mismatches);
                evidence.put("missingInService", report.path("missingInService"));
                evidence.put("extraInService", report.path("extraInService"));
                evidence.put("differing", report.path("differing"));
                evidence.put("lagMs", lag);
                evidence.put("backfilledRows", capture.path("snapshotRows").asLong());
                if (mismatches <= maxMismatches && lag <= maxLag) {
                    return StepOutcome.passed(report.path("legacyRows").asLong() + " payments in sync, "
                            + mismatches + " mismatches, lag " + lag + " ms", evidence);
                }
                if (Instant.now().isAfter(deadline)) {
                    return mismatches > maxMismatches
                            ? StepOutcome.failed(mismatches + " payments differ between the databases (gate: <= "
                                    + maxMismatches + ")", evidence, "./strangler reconcile payments names them;"
                                    + " the bridge's dead letters and log say why (cdc-bridge/README.md)")
                            : StepOutcome.failed("the bridge lags " + lag + " ms (gate: <= " + maxLag + " ms)",
                                    evidence, "wait for the bridge to catch up, then run the playbook again");
                }
                context.progress("not in sync yet: %d mismatches, lag %d ms", mismatches, lag);
            }
            if (Instant.now().isAfter(deadline)) {
                return StepOutcome.failed("the backfill did not finish in time", Map.of(
                        "snapshotRows", capture.path("snapshotRows").asLong()),
                        "./strangler logs cdc-bridge; curl localhost:8083/cdc/status");
            }
            StepContext.observe(Duration.ofSeconds(2));
        }
    }
}
