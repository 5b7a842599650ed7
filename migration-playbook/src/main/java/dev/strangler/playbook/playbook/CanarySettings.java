package dev.strangler.playbook.playbook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code canary}.
 *
 * @param percents     the shares of callers sent to the service, one observation window each, growing
 *                     ({@code percents})
 * @param observe      how long each share is observed before it is judged ({@code observe-seconds})
 * @param trafficRps   the step's own load, requests/s ({@code traffic-rps})
 * @param maxErrorRate the service's error rate allowed in a window, on each route ({@code gate.max-error-rate})
 * @param minRequests  the service's answers a window needs before its error rate is judged: 1 error in 5 answers says
 *                     nothing ({@code gate.min-requests})
 */
public record CanarySettings(List<Integer> percents, Duration observe, int trafficRps, double maxErrorRate,
                             long minRequests) implements StepSettings {

    /** What a step that leaves a setting out gets. */
    public static final CanarySettings DEFAULTS = new CanarySettings(List.of(5, 25, 50, 100), Duration.ofSeconds(15),
            20, 0.01, 50);

    public CanarySettings {
        if (percents.isEmpty()) {
            throw new IllegalArgumentException("percents must name at least one share, e.g. [5, 25, 50, 100]");
        }
        for (int i = 0; i < percents.size(); i++) {
            int p = percents.get(i);
            if (p < 1 || p > 100) {
                throw new IllegalArgumentException("percents must each be between 1 and 100, got " + p);
            }
            if (i > 0 && p <= percents.get(i - 1)) {
                throw new IllegalArgumentException("percents must grow from one share to the next, got " + p
                        + " after " + percents.get(i - 1));
            }
        }
        percents = List.copyOf(percents);
        SettingRules.moreThanZero("observe-seconds", observe);
        SettingRules.rps("traffic-rps", trafficRps);
        SettingRules.rate("gate.max-error-rate", maxErrorRate);
        SettingRules.zeroOrMore("gate.min-requests", minRequests);
    }

    static CanarySettings read(SettingsReader step) {
        List<Integer> percents = step.integers("percents", DEFAULTS.percents);
        Duration observe = step.seconds("observe-seconds", DEFAULTS.observe);
        int rps = step.integer("traffic-rps", DEFAULTS.trafficRps);
        SettingsReader gate = step.gate();
        return new CanarySettings(percents, observe, rps, gate.number("max-error-rate", DEFAULTS.maxErrorRate),
                gate.count("min-requests", DEFAULTS.minRequests));
    }

    @Override
    public Map<String, Object> gate() {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("max-error-rate", maxErrorRate);
        gate.put("min-requests", minRequests);
        return gate;
    }
}
