package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import dev.strangler.playbook.playbook.CutoverSettings;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.util.Map;

/**
 * Serves the routes from the service only. The bridge's new -> legacy direction of every table pair must be running
 * (it writes the service's rows back into the monolith's tables, which the monolith's other code still reads); gate:
 * reconciliation of each pair finds no mismatch.
 */
public final class CutoverStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Move " + playbook.routes() + " to EXTRACTED; check that the bridge writes the service's rows of "
                + playbook.tablePairs() + " back into the monolith. Gate: reconciliation mismatches <= "
                + step.settings(CutoverSettings.class).maxMismatches() + ".";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        CutoverSettings settings = step.settings(CutoverSettings.class);
        JsonNode status = context.bridge().status();
        for (String pair : playbook.tablePairs()) {
            JsonNode reverse = CdcBridge.direction(status, pair, "service-to-legacy");
            if (!reverse.path("capture").path("state").asText().equals("RUNNING")) {
                return StepOutcome.failed("the bridge's new -> legacy direction of " + pair + " is not running",
                        Map.of("pair", pair, "state", reverse.path("capture").path("state").asText()),
                        "start the bridge with bridge.reverse=true (the lab's default); ./strangler logs cdc-bridge");
            }
        }
        Routes.set(context.proxy(), playbook.routes(), "EXTRACTED", null, "playbook " + playbook.name()
                + ": cutover");
        PairSync sync = PairSync.of(context.bridge(), playbook.tablePairs(), "service-to-legacy", settings.settle());
        Verdict verdict = CutoverGate.judge(settings, sync.mismatches(), playbook.name());
        if (!verdict.passed()) {
            return verdict.outcome(sync.evidence());
        }
        return StepOutcome.passed("routes EXTRACTED, " + sync.legacyRows() + " rows of " + playbook.tablePairs()
                + " reconciled, " + verdict.sentence(), sync.evidence());
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        // the service's rows are in the monolith's tables already (reverse CDC): going back loses nothing
        Routes.set(context.proxy(), playbook.routes(), "CANARY", 100, "playbook rollback: cutover");
        return playbook.routes() + " back on CANARY 100%";
    }
}
