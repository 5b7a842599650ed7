package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.CanarySettings;
import java.util.Locale;

/**
 * The gate of {@code canary}, per route and share: the proxy did not roll the route back by itself (its SLO watch),
 * and the service's error rate is within the gate once it has answered enough requests to say something (1 error in
 * 5 answers is 20 %, and means nothing; the proxy's SLO watch waits for its own minimum too).
 */
final class CanaryGate {

    private CanaryGate() {
    }

    /**
     * What the proxy reports of one route at the end of a share's observation window.
     *
     * @param rolledBack true when the proxy moved the route to ROLLED_BACK itself
     * @param reason     the proxy's reason for that
     * @param requests   the service's answers on the route in its SLO window
     * @param errorRate  their share of errors
     */
    record Window(String route, int percent, boolean rolledBack, String reason, long requests, double errorRate) {
    }

    /** @param service the extracted service, for the hint */
    static Verdict judge(CanarySettings gate, Window w, String service) {
        if (w.rolledBack()) {
            return Verdict.fail("the proxy rolled " + w.route() + " back at " + w.percent() + "%: " + w.reason(),
                    "find the cause (./strangler route list, ./strangler logs " + service + "), fix it, then"
                            + " ./strangler playbook rollback and run again");
        }
        if (w.requests() < gate.minRequests()) {
            return Verdict.pass(String.format(Locale.ROOT, "%s at %d%%: not judged, %d answers of the service"
                    + " (gate: >= %d)", w.route(), w.percent(), w.requests(), gate.minRequests()));
        }
        if (w.errorRate() > gate.maxErrorRate()) {
            return Verdict.fail(String.format(Locale.ROOT, "the service's error rate on %s was %.2f%% at %d%%"
                            + " (gate: <= %.2f%%)", w.route(), w.errorRate() * 100, w.percent(),
                            gate.maxErrorRate() * 100),
                    "./strangler logs " + service + "; then ./strangler playbook rollback and run again");
        }
        return Verdict.pass(String.format(Locale.ROOT, "%s at %d%%: error rate %.2f%% over %d answers of the service",
                w.route(), w.percent(), w.errorRate() * 100, w.requests()));
    }
}
