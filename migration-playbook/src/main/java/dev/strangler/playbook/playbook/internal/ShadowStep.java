package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.playbook.PlaybookDefinition;
import dev.strangler.playbook.playbook.PlaybookDefinition.StepDefinition;
import dev.strangler.playbook.playbook.Step;
import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.playbook.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Moves the playbook's routes to SHADOW (the monolith answers, the service gets a copy: reads as they are, writes as
 * dry runs), drives traffic, and gates on the diff rate of the compared answers.
 */
public final class ShadowStep implements Step {

    @Override
    public String plan(StepDefinition step, PlaybookDefinition playbook) {
        return "Move " + playbook.routes() + " to SHADOW, send " + step.intSetting("traffic-rps", 20)
                + " req/s through the proxy (reads of the extraction's routes, and the shop's mix of writes at half that rate) until "
                + step.gateLong("min-compared", 1000) + " answers are compared on every route (or the route's own"
                + " min-compared-by-route). Gate: diff rate <= " + step.gateDouble("max-diff-rate", 0.01)
                + " on every route (reads compared as they are, writes as dry runs).";
    }

    /** One route's compared and differing answers since the warm-up ended. */
    private record Compared(String route, long compared, long differing, JsonNode samples) {

        double diffRate() {
            return rate(differing, compared);
        }
    }

    @Override
    public StepOutcome run(StepDefinition step, PlaybookDefinition playbook, StepContext context) throws Exception {
        Routes.set(context.proxy(), playbook.routes(), "SHADOW", null, "playbook " + playbook.name() + ": shadow");
        double maxDiffRate = step.gateDouble("max-diff-rate", 0.01);
        Instant deadline = Instant.now().plusSeconds(step.gateLong("timeout-seconds", 300));
        Map<String, JsonNode> baseline = new LinkedHashMap<>();
        List<Compared> now;
        long requests;
        long failures;
        try (StepContext.Traffic.Running load = context.traffic().start(step.intSetting("traffic-rps", 20))) {
            // warm-up: the first answers of a service that just got traffic (cold JIT, empty pools) say little
            // about the service; the gate counts what is compared after it
            int warmup = step.intSetting("warmup-seconds", 10);
            context.progress("shadow: warming up for %d s", warmup);
            StepContext.observe(Duration.ofSeconds(warmup));
            for (String route : playbook.routes()) {
                baseline.put(route, Routes.view(context.proxy(), route).path("shadow"));
            }
            while (true) {
                now = compared(context, baseline);
                requests = load.requests();
                failures = load.failures();
                List<Compared> tooFew = now.stream().filter(c -> c.compared() < minCompared(step, c.route()))
                        .toList();
                if (tooFew.isEmpty()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    return StepOutcome.failed("too few answers compared in time: " + counts(now, step),
                            Map.of("routes", evidence(now), "requests", requests),
                            "more traffic (traffic-rps in the playbook) or a longer timeout-seconds");
                }
                context.progress("shadow: %s compared, %d requests sent", counts(now, step), requests);
                StepContext.observe(Duration.ofSeconds(3));
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("routes", evidence(now));
        evidence.put("warmup", baseline);
        evidence.put("trafficRequests", requests);
        evidence.put("trafficFailures", failures);
        List<Compared> failing = now.stream().filter(c -> c.diffRate() > maxDiffRate).toList();
        if (!failing.isEmpty()) {
            Compared worst = failing.getFirst();
            return StepOutcome.failed(failing.stream().map(c -> String.format("%s: diff rate %.2f%% over %d compared",
                            c.route(), c.diffRate() * 100, c.compared())).collect(Collectors.joining("; "))
                            + String.format(" (gate: <= %.2f%% on every route)", maxDiffRate * 100), evidence,
                    "./strangler route diffs " + worst.route() + " shows what differs; fix the service or the data"
                            + " (or the route's noise rules, if the difference means nothing), then run the playbook"
                            + " again");
        }
        return StepOutcome.passed("answers compared after the warm-up on every route: " + now.stream()
                .map(c -> String.format("%s %d, diff rate %.2f%%", c.route(), c.compared(), c.diffRate() * 100))
                .collect(Collectors.joining("; ")), evidence);
    }

    /**
     * Answers a route must have compared: {@code min-compared}, or the route's own under {@code
     * min-compared-by-route} (a write route gets fewer requests than a read route under the same load).
     */
    static long minCompared(StepDefinition step, String route) {
        JsonNode own = step.gate().path("min-compared-by-route").path(route);
        return own.isNumber() ? own.asLong() : step.gateLong("min-compared", 1000);
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

    private static String counts(List<Compared> all, StepDefinition step) {
        return all.stream().map(c -> c.route() + " " + c.compared() + "/" + minCompared(step, c.route()))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> evidence(List<Compared> all) {
        Map<String, Object> routes = new LinkedHashMap<>();
        for (Compared c : all) {
            routes.put(c.route(), Map.of("compared", c.compared(), "differing", c.differing(),
                    "diffRate", c.diffRate(), "samples", c.samples()));
        }
        return routes;
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
