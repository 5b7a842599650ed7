package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the routes through growing canary shares. After each share's observation window: a route the proxy rolled
 * back by itself (SLO breach) stops the playbook with the proxy's reason; an error rate of the service above the
 * gate rolls the routes back and stops it too.
 */
public final class CanaryStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Move " + playbook.routes() + " to CANARY at " + percents(step) + "%, observing "
                + step.intSetting("observe-seconds", 15) + " s each under " + step.intSetting("traffic-rps", 20)
                + " req/s. Gate per share: not rolled back by the proxy, service error rate <= "
                + step.gateDouble("max-error-rate", 0.01) + " over at least " + (long) step.gateDouble("min-requests", 50)
                + " of its answers.";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        double maxErrorRate = step.gateDouble("max-error-rate", 0.01);
        long minRequests = (long) step.gateDouble("min-requests", 50);
        Map<String, Object> evidence = new LinkedHashMap<>();
        try (StepContext.Traffic.Running load = context.traffic().start(step.intSetting("traffic-rps", 20))) {
            for (int percent : percents(step)) {
                Routes.set(context.proxy(), playbook.routes(), "CANARY", percent,
                        "playbook " + playbook.name() + ": canary " + percent + "%");
                context.progress("canary %d%%: observing %d s", percent, step.intSetting("observe-seconds", 15));
                StepContext.observe(Duration.ofSeconds(step.intSetting("observe-seconds", 15)));
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
                    if (route.path("stage").asText().equals("ROLLED_BACK")) {
                        evidence.put(percent + "%", share);
                        return StepOutcome.failed("the proxy rolled " + r + " back at " + percent + "%: "
                                        + route.path("reason").asText(), evidence,
                                "find the cause (./strangler route list, ./strangler logs "
                                        + playbook.extraction().extracted().service() + "), fix it,"
                                        + " then ./strangler playbook rollback and run again");
                    }
                    // a rate over a handful of requests says nothing (1 of 5 is 20 %): judge only on enough of them,
                    // as the proxy's own SLO watch does
                    if (extracted.path("requests").asLong() >= minRequests
                            && extracted.path("errorRate").asDouble() > maxErrorRate) {
                        evidence.put(percent + "%", share);
                        Routes.set(context.proxy(), playbook.routes(), "ROLLED_BACK", null, String.format(
                                "playbook gate: error rate %.2f%% on %s", extracted.path("errorRate").asDouble()
                                        * 100, r));
                        return StepOutcome.failed(String.format("the service's error rate on %s was %.2f%% at %d%%"
                                        + " (gate: <= %.2f%%); routes rolled back", r,
                                extracted.path("errorRate").asDouble() * 100, percent, maxErrorRate * 100), evidence,
                                "./strangler logs " + playbook.extraction().extracted().service()
                                        + "; then ./strangler playbook rollback and run again");
                    }
                }
                share.put("trafficRequests", load.requests());
                share.put("trafficFailures", load.failures());
                evidence.put(percent + "%", share);
                context.progress("canary %d%%: within the SLO (%d requests so far)", percent, load.requests());
            }
        }
        return StepOutcome.passed("canary " + percents(step) + "% within the SLO", evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Routes.set(context.proxy(), playbook.routes(), "SHADOW", null, "playbook rollback: canary");
        return playbook.routes() + " back on SHADOW";
    }

    private static List<Integer> percents(StepDefinition step) {
        List<Integer> out = new ArrayList<>();
        step.settings().path("percents").forEach(p -> out.add(p.asInt()));
        return out.isEmpty() ? List.of(5, 25, 50, 100) : out;
    }
}
