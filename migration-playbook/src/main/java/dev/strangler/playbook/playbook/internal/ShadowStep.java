package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.ShadowSettings;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the playbook's routes to SHADOW (the monolith answers, the service gets a copy: reads as they are, writes as
 * dry runs), drives traffic, and gates on the diff rate of the compared answers ({@link ShadowGate}).
 */
public final class ShadowStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        ShadowSettings settings = step.settings(ShadowSettings.class);
        return "Move " + playbook.routes() + " to SHADOW, send " + settings.trafficRps()
                + " req/s through the proxy (reads of the extraction's routes, and the shop's mix of writes at half that rate) until "
                + settings.minCompared() + " answers are compared on every route (or the route's own"
                + " min-compared-by-route). Gate: diff rate <= " + settings.maxDiffRate()
                + " on every route (reads compared as they are, writes as dry runs).";
    }

    /** One route's compared and differing answers since the warm-up ended. */
    private record Compared(String route, long compared, long differing, JsonNode samples) {

        double diffRate() {
            return compared <= 0 ? 0 : (double) differing / compared;
        }
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        ShadowSettings settings = step.settings(ShadowSettings.class);
        Routes.set(context.proxy(), playbook.routes(), "SHADOW", null, "playbook " + playbook.name() + ": shadow");
        Instant deadline = Instant.now().plus(settings.timeout());
        Map<String, JsonNode> baseline = new LinkedHashMap<>();
        List<Compared> now;
        long requests;
        long failures;
        try (StepContext.Traffic.Running load = context.traffic().start(settings.trafficRps())) {
            // warm-up: the first answers of a service that just got traffic (cold JIT, empty pools) say little
            // about the service; the gate counts what is compared after it
            context.progress("shadow: warming up for %d s", settings.warmup().toSeconds());
            StepContext.observe(settings.warmup());
            for (String route : playbook.routes()) {
                baseline.put(route, Routes.view(context.proxy(), route).path("shadow"));
            }
            while (true) {
                now = compared(context, baseline);
                requests = load.requests();
                failures = load.failures();
                if (ShadowGate.shortOfAnswers(settings, counts(now)).isEmpty()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    Verdict tooFew = ShadowGate.judge(settings, counts(now), diffRates(now));
                    return tooFew.outcome(Map.of("routes", evidence(now), "requests", requests));
                }
                context.progress("shadow: %s compared, %d requests sent", ShadowGate.counts(settings, counts(now)),
                        requests);
                StepContext.observe(Duration.ofSeconds(3));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("routes", evidence(now));
        evidence.put("warmup", baseline);
        evidence.put("trafficRequests", requests);
        evidence.put("trafficFailures", failures);
        return ShadowGate.judge(settings, counts(now), diffRates(now)).outcome(evidence);
    }

    private static List<Compared> compared(StepContext context, Map<String, JsonNode> baseline) {
        List<Compared> all = new ArrayList<>();
        baseline.forEach((route, before) -> {
            JsonNode shadow = Routes.view(context.proxy(), route).path("shadow");
            all.add(new Compared(route, shadow.path("compared").asLong() - before.path("compared").asLong(),
                    shadow.path("differing").asLong() - before.path("differing").asLong(), shadow.path("samples")));
        });
        return all;
    }

    /** Each route's compared answers, in the playbook's order: what the gate judges. */
    private static Map<String, Long> counts(List<Compared> all) {
        Map<String, Long> counts = new LinkedHashMap<>();
        all.forEach(c -> counts.put(c.route(), c.compared()));
        return counts;
    }

    private static Map<String, Double> diffRates(List<Compared> all) {
        Map<String, Double> rates = new LinkedHashMap<>();
        all.forEach(c -> rates.put(c.route(), c.diffRate()));
        return rates;
    }

    private static Map<String, Object> evidence(List<Compared> all) {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (Compared c : all) {
            routes.put(c.route(), Map.of("compared", c.compared(), "differing", c.differing(),
                    "diffRate", c.diffRate(), "samples", c.samples()));
        }
        return routes;
    }

    @Override
    public String undo(StepDefinition step, PlaybookDefinition playbook, StepContext context) {
        Routes.set(context.proxy(), playbook.routes(), "LEGACY", null, "playbook rollback: shadow");
        return playbook.routes() + " back on LEGACY";
    }
}
