package dev.strangler.playbook.traffic;

import java.util.Map;

/**
 * The live counters of a run, at one moment. Latencies are cumulative since the start, in milliseconds, measured from
 * each request's scheduled send time.
 *
 * @param elapsedSeconds  since the first request was due
 * @param scheduled       requests whose send time has come (sent or, when saturated, not sent)
 * @param completed       requests with an outcome (answered, timed out, failed or not sent)
 * @param ok              answered as expected
 * @param declined        402 from a declining test card: expected
 * @param outOfStock      409 out-of-stock on checkout: expected once a product runs out
 * @param failed          failed for the user (see {@link FailureKind})
 * @param inFlight        sent, not answered yet
 * @param paymentsCreated authorizations this run obtained
 * @param failedByKind    failed requests per request kind: the difference of two snapshots says what failed between
 */
public record TrafficSnapshot(double elapsedSeconds, long scheduled, long completed, long ok, long declined,
        long outOfStock, long failed, long inFlight, long paymentsCreated, double p50Millis, double p99Millis,
        Map<FailureKind, Long> failures, Map<RequestKind, Long> failedByKind) {

    public TrafficSnapshot {
        failures = Map.copyOf(failures);
        failedByKind = Map.copyOf(failedByKind);
    }

    /** Requests per second scheduled so far. */
    public double rate() {
        return elapsedSeconds <= 0 ? 0 : scheduled / elapsedSeconds;
    }
}
