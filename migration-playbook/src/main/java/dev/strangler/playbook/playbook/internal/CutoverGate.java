package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.CutoverSettings;

/** The gate of {@code cutover}: once the service serves alone, reconciliation back to the monolith finds no drift. */
final class CutoverGate {

    private CutoverGate() {
    }

    /**
     * @param mismatches rows missing, extra or differing (service -> legacy), over every pair
     * @param extraction the extraction's name, for the hint
     */
    static Verdict judge(CutoverSettings gate, long mismatches, String extraction) {
        if (mismatches > gate.maxMismatches()) {
            return Verdict.fail(mismatches + " rows differ after cutover", "./strangler reconcile " + extraction
                    + "; cdc-bridge/README.md explains conflicts and dead letters");
        }
        return Verdict.pass(mismatches + " mismatches");
    }
}
