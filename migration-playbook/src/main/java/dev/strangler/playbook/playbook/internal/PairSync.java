package dev.strangler.playbook.playbook.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strangler.playbook.cdc.CdcBridge;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation of every table pair of an extraction, as the sync steps read it: each pair's report and lag, and the
 * totals their gates judge.
 */
record PairSync(Map<String, Map<String, Object>> pairs, long legacyRows, long serviceRows, long mismatches,
                long lagMs) {

    /** Reconciles each pair (letting in-flight changes settle) and reads its direction's lag from the bridge. */
    static PairSync of(CdcBridge bridge, List<String> pairNames, String direction, Duration settle) {
        Map<String, Map<String, Object>> pairs = new LinkedHashMap<>();
        long legacy = 0;
        long service = 0;
        long mismatches = 0;
        long lag = 0;
        for (String pair : pairNames) {
            JsonNode report = bridge.reconcile(pair, settle);
            // the direction's lag is measured from the source (the oldest change not yet in Kafka, WAL the slot has
            // not confirmed) as well as at the applier: a bridge cut off from Kafka is not "in sync"
            JsonNode d = CdcBridge.direction(bridge.status(), pair, direction);
            long pairLag = Math.max(d.path("lagMs").asLong(), d.path("apply").path("lagMs").asLong());
            long pairMismatches = mismatches(report);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("legacyRows", report.path("legacyRows").asLong());
            evidence.put("serviceRows", report.path("serviceRows").asLong());
            evidence.put("mismatches", pairMismatches);
            evidence.put("missingInService", report.path("missingInService"));
            evidence.put("extraInService", report.path("extraInService"));
            evidence.put("differing", report.path("differing"));
            evidence.put("lagMs", pairLag);
            evidence.put("applied", d.path("apply").path("applied").asLong());
            pairs.put(pair, evidence);
            legacy += report.path("legacyRows").asLong();
            service += report.path("serviceRows").asLong();
            mismatches += pairMismatches;
            lag = Math.max(lag, pairLag);
        }
        return new PairSync(pairs, legacy, service, mismatches, lag);
    }

    static long mismatches(JsonNode report) {
        return report.path("missingCount").asLong() + report.path("extraCount").asLong()
                + report.path("differingCount").asLong();
    }

    /** The totals, then each pair's figures. */
    Map<String, Object> evidence() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("legacyRows", legacyRows);
        e.put("serviceRows", serviceRows);
        e.put("mismatches", mismatches);
        e.put("lagMs", lagMs);
        e.put("pairs", pairs);
        return e;
    }
}
