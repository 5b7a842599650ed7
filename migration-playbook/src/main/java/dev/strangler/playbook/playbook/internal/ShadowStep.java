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
        long compared0;
        long differing0;
        try (StepContext.Traffic.Running load = context.traffic().start(step.intSetting("traffic-rps", 20))) {
            // warm-up: the first answers of a service that just got traffic (cold JIT, empty pools) say little
            // about the service; the gate counts what is compared after it
            int warmup = step.intSetting("warmup-seconds", 10);
            context.progress("shadow: warming up for %d s", warmup);
            StepContext.observe(Duration.ofSeconds(warmup));
            JsonNode baseline = Routes.view(context.proxy(), readRoute).path("shadow");
            compared0 = baseline.path("compared").asLong();
            differing0 = baseline.path("differing").asLong();
            while (true) {
                shadow = Routes.view(context.proxy(), readRoute).path("shadow");
                requests = load.requests();
                failures = load.failures();
                long compared = shadow.path("compared").asLong() - compared0;
                if (compared >= minCompared) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    return StepOutcome.failed("only " + compared + " answers compared in time",
                            Map.of("compared", compared, "requests", requests),
                            "more traffic (traffic-rps in the playbook) or a longer timeout-seconds");
                }
                context.progress("shadow: %d of %d compared, diff rate %.2f%%, %d requests sent", compared,
                        minCompared, rate(shadow.path("differing").asLong() - differing0, compared) * 100, requests);
                StepContext.observe(Duration.ofSeconds(3));
            }
        }
        long compared = shadow.path("compared").asLong() - compared0;
        long differing = shadow.path("differing").asLong() - differing0;
        double diffRate = rate(differing, compared);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("route", readRoute);
        evidence.put("compared", compared);
        evidence.put("differing", differing);
        evidence.put("diffRate", diffRate);
        evidence.put("warmup", Map.of("compared", compared0, "differing", differing0));
        evidence.put("samples", shadow.path("samples"));
        for (String r : playbook.routes().subList(1, playbook.routes().size())) {
            JsonNode other = Routes.view(context.proxy(), r).path("shadow");
            evidence.put(r + ".compared", other.path("compared").asLong());
            evidence.put(r + ".diffRate", other.path("diffRate").asDouble());
        }
        evidence.put("trafficRequests", requests);
        evidence.put("trafficFailures", failures);
        if (diffRate > maxDiffRate) {
            return StepOutcome.failed(String.format("diff rate %.2f%% over %d compared answers (gate: <= %.2f%%)",
                    diffRate * 100, compared, maxDiffRate * 100), evidence,
                    "./strangler route diffs " + readRoute + " shows what differs; fix the service or the data,"
                            + " then run the playbook again");
        }
        return StepOutcome.passed(String.format("%d answers compared after the warm-up, diff rate %.2f%%",
                compared, diffRate * 100), evidence);
    }

    private static double rate(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Routes.set(context.proxy(), playbook.routes(), "LEGACY", null, "playbook rollback: shadow");
        return playbook.routes() + " back on LEGACY";
    }
}
