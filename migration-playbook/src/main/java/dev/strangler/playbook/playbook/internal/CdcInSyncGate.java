package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.CdcInSyncSettings;

/** The gate of {@code cdc-in-sync}: reconciliation finds at most so many mismatches, and the bridge lags little. */
final class CdcInSyncGate {

    private CdcInSyncGate() {
    }

    /**
     * Judges one reconciliation of every table pair.
     *
     * @param mismatches rows missing, extra or differing, over every pair
     * @param lagMs      the bridge's largest lag over every pair
     * @param extraction the extraction's name, for the hint
     */
    static Verdict judge(CdcInSyncSettings gate, long mismatches, long lagMs, String extraction) {
        if (mismatches > gate.maxMismatches()) {
            return Verdict.fail(mismatches + " rows differ between the databases (gate: <= " + gate.maxMismatches()
                    + ")", "./strangler reconcile " + extraction + " names them; the bridge's dead letters and log say"
                    + " why (cdc-bridge/README.md)");
        }
        if (lagMs > gate.maxLagMs()) {
            return Verdict.fail("the bridge lags " + lagMs + " ms (gate: <= " + gate.maxLagMs() + " ms)",
                    "wait for the bridge to catch up, then run the playbook again");
        }
        return Verdict.pass(mismatches + " mismatches, lag " + lagMs + " ms");
    }
}
