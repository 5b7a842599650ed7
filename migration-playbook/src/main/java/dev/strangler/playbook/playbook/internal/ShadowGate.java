package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.ShadowSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gate of {@code shadow}: every route compared enough answers after the warm-up (its own minimum, or
 * {@code min-compared}), and on every route at most {@code max-diff-rate} of them differ.
 */
final class ShadowGate {

    private ShadowGate() {
    }

    /** The routes that have not compared their minimum yet: the step waits while there are any. */
    static List<String> shortOfAnswers(ShadowSettings gate, Map<String, Long> compared) {
        return compared.entrySet().stream().filter(e -> e.getValue() < gate.minCompared(e.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** Each route's compared answers against its minimum: {@code payments-read 420/1000, ...}. */
    static String counts(ShadowSettings gate, Map<String, Long> compared) {
        return compared.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + "/"
                + gate.minCompared(e.getKey())).collect(Collectors.joining(", "));
    }

    /**
     * Judges the answers compared since the warm-up.
     *
     * @param compared each route's compared answers, in the playbook's order
     * @param diffRate each route's share of them that differed (a route left out: none)
     */
    static Verdict judge(ShadowSettings gate, Map<String, Long> compared, Map<String, Double> diffRate) {
        if (!shortOfAnswers(gate, compared).isEmpty()) {
            return Verdict.fail("too few answers compared in time: " + counts(gate, compared),
                    "more traffic (traffic-rps in the playbook) or a longer timeout-seconds");
        }
        List<String> failing = compared.keySet().stream()
                .filter(r -> diffRate.getOrDefault(r, 0.0) > gate.maxDiffRate()).toList();
        if (!failing.isEmpty()) {
            return Verdict.fail(failing.stream().map(r -> String.format(Locale.ROOT,
                            "%s: diff rate %.2f%% over %d compared", r, diffRate.get(r) * 100, compared.get(r)))
                            .collect(Collectors.joining("; "))
                            + String.format(Locale.ROOT, " (gate: <= %.2f%% on every route)", gate.maxDiffRate() * 100),
                    "./strangler route diffs " + failing.getFirst() + " shows what differs; fix the service or the"
                            + " data (or the route's noise rules, if the difference means nothing), then run the"
                            + " playbook again");
        }
        return Verdict.pass("answers compared after the warm-up on every route: " + compared.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %d, diff rate %.2f%%", e.getKey(), e.getValue(),
                        diffRate.getOrDefault(e.getKey(), 0.0) * 100))
                .collect(Collectors.joining("; ")));
    }
}
