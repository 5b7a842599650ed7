package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves the routes from the service only. The bridge's new -> legacy direction must be running (it writes the
 * service's payments back into the monolith's tables); gate: reconciliation finds no mismatch.
 */
public final class CutoverStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Move " + playbook.routes() + " to EXTRACTED; check that the bridge writes the service's payments back"
                + " into the monolith. Gate: reconciliation mismatches <= " + step.gateLong("max-mismatches", 0) + ".";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        JsonNode reverse = CdcBridge.direction(context.bridge().status(), playbook.name(), "service-to-legacy");
        if (!reverse.path("capture").path("state").asText().equals("RUNNING")) {
            return StepOutcome.failed("the bridge's new -> legacy direction is not running", Map.of(
                    "state", reverse.path("capture").path("state").asText()),
                    "start the bridge with bridge.reverse=true (the lab's default); ./strangler logs cdc-bridge");
        }
        Routes.set(context.proxy(), playbook.routes(), "EXTRACTED", null, "playbook " + playbook.name()
                + ": cutover");
        JsonNode report = context.bridge().reconcile(playbook.name(),
                Duration.ofSeconds(step.gateLong("settle-seconds", 30)));
        long mismatches = report.path("missingCount").asLong() + report.path("extraCount").asLong()
                + report.path("differingCount").asLong();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("legacyRows", report.path("legacyRows").asLong());
        evidence.put("serviceRows", report.path("serviceRows").asLong());
        evidence.put("mismatches", mismatches);
        evidence.put("reverseApplied", CdcBridge.direction(context.bridge().status(), playbook.name(),
                "service-to-legacy").path("apply").path("applied").asLong());
        evidence.put("differing", report.path("differing"));
        evidence.put("missingInService", report.path("missingInService"));
        evidence.put("extraInService", report.path("extraInService"));
        if (mismatches > step.gateLong("max-mismatches", 0)) {
            return StepOutcome.failed(mismatches + " payments differ after cutover", evidence,
                    "./strangler reconcile payments; cdc-bridge/README.md explains conflicts and dead letters");
        }
        return StepOutcome.passed("routes EXTRACTED, " + report.path("legacyRows").asLong()
                + " payments reconciled, 0 mismatches", evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        // the service's payments are in the monolith's tables already (reverse CDC): going back loses nothing
        Routes.set(context.proxy(), playbook.routes(), "CANARY", 100, "playbook rollback: cutover");
        return playbook.routes() + " back on CANARY 100%";
    }
}
