package dev.strangler.playbook.traffic;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a run did, for the console, {@code --json} and a playbook gate's evidence. Latencies in milliseconds, from
 * each request's scheduled send time (so a stalled target shows in them instead of slowing the generator down).
 *
 * @param target             where the traffic went
 * @param startedAt          ISO-8601 instant of the first scheduled request
 * @param seconds            from the first scheduled request to the last outcome
 * @param targetRps          the rate asked for
 * @param achievedRps        requests scheduled per second of sending
 * @param requests           requests scheduled
 * @param failed             requests failed for the user, any reason
 * @param failures           failed requests by reason
 * @param byKind             per request kind
 * @param paymentIdsCreated  ids of the payments this run authorized (evidence for reconciliation and the PSP journal)
 * @param paymentsCaptured   captures answered 200
 * @param paymentsRefunded   refunds answered 200
 * @param failureSamples     the first ten and the last ten failures (status and problem type only: bodies are never
 *                           kept)
 * @param complete           false when the summary was taken while the run still went on
 * @param customerIdsCreated ids of the customers this run signed up
 */
public record TrafficSummary(String target, String startedAt, double seconds, double targetRps, double achievedRps,
        long requests, long ok, long declined, long outOfStock, long failed, Map<FailureKind, Long> failures,
        Latency latency, List<KindSummary> byKind, List<Long> paymentIdsCreated, long paymentsCaptured,
        long paymentsRefunded, List<FailureSample> failureSamples, boolean complete, List<Long> customerIdsCreated) {

    public TrafficSummary {
        failures = Map.copyOf(failures);
        byKind = List.copyOf(byKind);
        paymentIdsCreated = List.copyOf(paymentIdsCreated);
        customerIdsCreated = List.copyOf(customerIdsCreated);
        failureSamples = List.copyOf(failureSamples);
    }

    /**
     * What this run created, by the path of the request that created it ({@code /api/payments}: the payments it had
     * authorized, {@code /api/customers}: the customers it signed up): a rehearsal checks each is in both databases.
     */
    public Map<String, List<Long>> createdByPath() {
        return Map.of("/api/payments", paymentIdsCreated, "/api/customers", customerIdsCreated);
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(long samples, double p50Millis, double p90Millis, double p99Millis, double maxMillis) {
    }

    /** One request kind's counts and latency. */
    public record KindSummary(RequestKind kind, String request, long requests, long ok, long declined,
            long outOfStock, long failed, double p50Millis, double p99Millis) {
    }

    /**
     * One failed request.
     *
     * @param atSeconds   when it was due, from the start
     * @param status      the HTTP status, 0 without an answer
     * @param problemType the answer's problem+json {@code type}, when it had one
     * @param error       without an answer: what the HTTP client said (e.g. {@code ConnectException: Connection refused})
     */
    public record FailureSample(double atSeconds, RequestKind kind, FailureKind failure, int status,
            @Nullable String problemType, @Nullable String error) {
    }
}
