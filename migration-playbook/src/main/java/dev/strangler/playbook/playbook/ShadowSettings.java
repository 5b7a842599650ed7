package dev.strangler.playbook.playbook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of {@code shadow}.
 *
 * @param trafficRps         the step's own load, requests/s ({@code traffic-rps}); the shop's mix runs at half that
 * @param warmup             answers compared before this do not count: a service that just got traffic is cold
 *                           ({@code warmup-seconds})
 * @param minCompared        answers each route must have compared after the warm-up before it is judged
 *                           ({@code gate.min-compared})
 * @param minComparedByRoute a route's own {@code min-compared}, for a route that gets fewer requests (writes come
 *                           from the shop's mix, at half the rate) ({@code gate.min-compared-by-route})
 * @param maxDiffRate        the share of compared answers that may differ, on each route ({@code gate.max-diff-rate})
 * @param timeout            how long the step waits for enough compared answers ({@code gate.timeout-seconds})
 */
public record ShadowSettings(int trafficRps, Duration warmup, long minCompared, Map<String, Long> minComparedByRoute,
                             double maxDiffRate, Duration timeout) implements StepSettings {

    /** What a step that leaves a setting out gets. */
    public static final ShadowSettings DEFAULTS = new ShadowSettings(20, Duration.ofSeconds(10), 1000, Map.of(), 0.01,
            Duration.ofSeconds(300));

    public ShadowSettings {
        SettingRules.rps("traffic-rps", trafficRps);
        SettingRules.zeroOrMore("warmup-seconds", warmup);
        SettingRules.zeroOrMore("gate.min-compared", minCompared);
        minComparedByRoute.forEach((route, min) -> SettingRules.zeroOrMore("gate.min-compared-by-route." + route, min));
        minComparedByRoute = Map.copyOf(minComparedByRoute);
        SettingRules.rate("gate.max-diff-rate", maxDiffRate);
        SettingRules.moreThanZero("gate.timeout-seconds", timeout);
    }

    /** The answers {@code route} must have compared: its own minimum, or {@code min-compared}. */
    public long minCompared(String route) {
        return minComparedByRoute.getOrDefault(route, minCompared);
    }

    static ShadowSettings read(SettingsReader step) {
        int rps = step.integer("traffic-rps", DEFAULTS.trafficRps);
        Duration warmup = step.seconds("warmup-seconds", DEFAULTS.warmup);
        SettingsReader gate = step.gate();
        long minCompared = gate.count("min-compared", DEFAULTS.minCompared);
        Map<String, Long> byRoute = gate.countsByName("min-compared-by-route", DEFAULTS.minComparedByRoute);
        // a misspelt route would leave the real one at min-compared without a word
        byRoute.keySet().stream().filter(r -> !step.routes().contains(r)).forEach(r -> step.problem(
                "gate.min-compared-by-route." + r + " names no route of the playbook (routes: " + step.routes() + ")"));
        return new ShadowSettings(rps, warmup, minCompared, byRoute, gate.number("max-diff-rate", DEFAULTS.maxDiffRate),
                gate.seconds("timeout-seconds", DEFAULTS.timeout));
    }

    @Override
    public Map<String, Object> gate() {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("min-compared", minCompared);
        gate.put("min-compared-by-route", new TreeMap<>(minComparedByRoute));
        gate.put("max-diff-rate", maxDiffRate);
        gate.put("timeout-seconds", timeout.toSeconds());
        return gate;
    }
}
