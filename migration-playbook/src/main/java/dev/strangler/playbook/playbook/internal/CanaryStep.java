package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.playbook.CanarySettings;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Moves the routes through growing canary shares. After each share's observation window: a route the proxy rolled
 * back by itself (SLO breach) stops the playbook with the proxy's reason; an error rate of the service above the
 * gate rolls the routes back and stops it too ({@link CanaryGate}).
 */
public final class CanaryStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        CanarySettings settings = step.settings(CanarySettings.class);
        return "Move " + playbook.routes() + " to CANARY at " + settings.percents() + "%, observing "
                + settings.observe().toSeconds() + " s each under " + settings.trafficRps()
                + " req/s. Gate per share: not rolled back by the proxy, service error rate <= "
                + settings.maxErrorRate() + " over at least " + settings.minRequests() + " of its answers.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        CanarySettings settings = step.settings(CanarySettings.class);
        String service = playbook.extraction().extracted().service();
        Map<String, Object> evidence = new LinkedHashMap<>();
        try (StepContext.Traffic.Running load = context.traffic().start(settings.trafficRps())) {
            for (int percent : settings.percents()) {
                Routes.set(context.proxy(), playbook.routes(), "CANARY", percent,
                        "playbook " + playbook.name() + ": canary " + percent + "%");
                context.progress("canary %d%%: observing %d s", percent, settings.observe().toSeconds());
                StepContext.observe(settings.observe());
                Map<String, Object> share = new LinkedHashMap<>();
                for (String r : playbook.routes()) {
                    JsonNode view = Routes.view(context.proxy(), r);
                    JsonNode route = view.path("route");
                    JsonNode extracted = view.path("slo").path("extracted");
                    share.put(r, Map.of("stage", route.path("stage").asText(),
                            "extractedShare", view.path("slo").path("extractedShare").asDouble(),
                            "extractedRequests", extracted.path("requests").asLong(),
                            "extractedErrorRate", extracted.path("errorRate").asDouble(),
                            "extractedP99Ms", extracted.path("p99Millis").asDouble()));
                    CanaryGate.Window window = new CanaryGate.Window(r, percent,
                            route.path("stage").asText().equals("ROLLED_BACK"), route.path("reason").asText(),
                            extracted.path("requests").asLong(), extracted.path("errorRate").asDouble());
                    Verdict verdict = CanaryGate.judge(settings, window, service);
                    if (verdict.passed()) {
                        continue;
                    }
                    evidence.put(percent + "%", share);
                    if (window.rolledBack()) {
                        return verdict.outcome(evidence);
                    }
                    // the proxy has not rolled back by itself: the playbook's gate does
                    Routes.set(context.proxy(), playbook.routes(), "ROLLED_BACK", null, String.format(Locale.ROOT,
                            "playbook gate: error rate %.2f%% on %s", window.errorRate() * 100, r));
                    return StepOutcome.failed(verdict.sentence() + "; routes rolled back", evidence, verdict.hint());
                }
                share.put("trafficRequests", load.requests());
                share.put("trafficFailures", load.failures());
                evidence.put(percent + "%", share);
                context.progress("canary %d%%: within the SLO (%d requests so far)", percent, load.requests());
            }
        }
        return StepOutcome.passed("canary " + settings.percents() + "% within the SLO", evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Routes.set(context.proxy(), playbook.routes(), "SHADOW", null, "playbook rollback: canary");
        return playbook.routes() + " back on SHADOW";
    }
}
