package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the playbook's routes to SHADOW (the monolith answers, the service gets a copy: reads as they are, writes as
 * dry runs), drives traffic, and gates on the diff rate of the compared answers.
 */
public final class ShadowStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Move " + playbook.routes() + " to SHADOW, send " + step.intSetting("traffic-rps", 20)
                + " req/s through the proxy until " + step.gateLong("min-compared", 1000)
                + " answers are compared. Gate: diff rate <= " + step.gateDouble("max-diff-rate", 0.01) + ".";
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Routes.set(context.proxy(), playbook.routes(), "SHADOW", null, "playbook " + playbook.name() + ": shadow");
        String readRoute = playbook.routes().getFirst();
        long minCompared = step.gateLong("min-compared", 1000);
        double maxDiffRate = step.gateDouble("max-diff-rate", 0.01);
        Instant deadline = Instant.now().plusSeconds(step.gateLong("timeout-seconds", 300));
        JsonNode shadow;
        long requests;
        long failures;
        try (StepContext.Traffic.Running load = context.traffic().start(step.intSetting("traffic-rps", 20))) {
            while (true) {
                shadow = Routes.view(context.proxy(), readRoute).path("shadow");
                requests = load.requests();
                failures = load.failures();
                if (shadow.path("compared").asLong() >= minCompared) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    return StepOutcome.failed("only " + shadow.path("compared").asLong() + " answers compared in time",
                            Map.of("compared", shadow.path("compared").asLong(), "requests", requests),
                            "more traffic (traffic-rps in the playbook) or a longer timeout-seconds");
                }
                context.progress("shadow: %d of %d compared, diff rate %.2f%%, %d requests sent", shadow
                        .path("compared").asLong(), minCompared, shadow.path("diffRate").asDouble() * 100, requests);
                StepContext.observe(Duration.ofSeconds(3));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("route", readRoute);
        evidence.put("compared", shadow.path("compared").asLong());
        evidence.put("differing", shadow.path("differing").asLong());
        evidence.put("diffRate", shadow.path("diffRate").asDouble());
        evidence.put("samples", shadow.path("samples"));
        for (String r : playbook.routes().subList(1, playbook.routes().size())) {
            JsonNode other = Routes.view(context.proxy(), r).path("shadow");
            evidence.put(r + ".compared", other.path("compared").asLong());
            evidence.put(r + ".diffRate", other.path("diffRate").asDouble());
        }
        evidence.put("trafficRequests", requests);
        evidence.put("trafficFailures", failures);
        double diffRate = shadow.path("diffRate").asDouble();
        if (diffRate > maxDiffRate) {
            return StepOutcome.failed(String.format("diff rate %.2f%% over %d compared answers (gate: <= %.2f%%)",
                    diffRate * 100, shadow.path("compared").asLong(), maxDiffRate * 100), evidence,
                    "./strangler route diffs " + readRoute + " shows what differs; fix the service or the data,"
                            + " then run the playbook again");
        }
        return StepOutcome.passed(String.format("%d answers compared, diff rate %.2f%%",
                shadow.path("compared").asLong(), diffRate * 100), evidence);
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Routes.set(context.proxy(), playbook.routes(), "LEGACY", null, "playbook rollback: shadow");
        return playbook.routes() + " back on LEGACY";
    }
}
