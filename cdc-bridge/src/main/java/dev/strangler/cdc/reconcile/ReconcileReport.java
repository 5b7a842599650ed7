package dev.strangler.cdc.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation. Id lists are capped at {@link Reconciler#MAX_IDS} each; the counts are not.
 *
 * @param missingInService ids the monolith has and the service lacks
 * @param extraInService ids the service has and the monolith lacks
 * @param differing ids both have with different values
 */
public record ReconcileReport(Instant startedAt, long tookMillis, long legacyRows, long serviceRows, int chunks,
                              int chunksDiffering, long missingCount, long extraCount, long differingCount,
                              List<Long> missingInService, List<Long> extraInService, List<Long> differing) {

    public long mismatches() {
        return missingCount + extraCount + differingCount;
    }

    public boolean consistent() {
        return mismatches() == 0;
    }
}
