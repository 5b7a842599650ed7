package dev.strangler.cdc.apply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * What one applier has done, and how long its oldest change polled from Kafka has waited to be applied. Shown in
 * status, health and metrics; the direction's lag takes the source side into account too ({@code DirectionLag}).
 */
public final class ApplierStats {

    private final Counter applied;
    private final Counter stale;
    private final Counter conflicts;
    private final Counter retries;
    private final Timer lag;
    private volatile long oldestPendingSourceMs;
    private volatile long lastLagMs;
    private volatile Instant lastAppliedAt = Instant.EPOCH;
    private volatile String lastError = "";

    public ApplierStats(String direction, String table, MeterRegistry meters) {
        this.applied = Counter.builder("strangler.cdc.applied").tag("direction", direction).tag("table", table)
                .description("Changes applied to the target database").register(meters);
        this.stale = Counter.builder("strangler.cdc.skipped").tag("direction", direction).tag("table", table).tag("reason", "stale")
                .description("Changes skipped: duplicate or older than the applied one").register(meters);
        this.conflicts = Counter.builder("strangler.cdc.skipped").tag("direction", direction).tag("table", table)
                .tag("reason", "conflict").description("Changes that lost a write conflict").register(meters);
        this.retries = Counter.builder("strangler.cdc.apply.retries").tag("direction", direction).tag("table", table)
                .description("Batches retried after a transient database error").register(meters);
        this.lag = Timer.builder("strangler.cdc.lag").tag("direction", direction).tag("table", table)
                .description("Source commit to applied in the target database")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    void polled(long oldestSourceMs) {
        if (oldestPendingSourceMs == 0) {
            oldestPendingSourceMs = oldestSourceMs;
        }
    }

    void committed(int appliedCount, int staleCount, int conflictCount, long[] sourceMs) {
        long now = System.currentTimeMillis();
        applied.increment(appliedCount);
        stale.increment(staleCount);
        conflicts.increment(conflictCount);
        for (long ms : sourceMs) {
            if (ms > 0) {
                lag.record(Math.max(0, now - ms), TimeUnit.MILLISECONDS);
                lastLagMs = Math.max(0, now - ms);
            }
        }
        lastAppliedAt = Instant.now();
    }

    void caughtUp() {
        oldestPendingSourceMs = 0;
    }

    void retried(String error) {
        retries.increment();
        lastError = error;
    }

    /** How long the oldest change that is polled but not yet applied has waited since its source commit. */
    public long currentLagMs() {
        long oldest = oldestPendingSourceMs;
        return oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    public Duration currentLag() {
        return Duration.ofMillis(currentLagMs());
    }

    public long lastLagMs() {
        return lastLagMs;
    }

    public long applied() {
        return (long) applied.count();
    }

    public long stale() {
        return (long) stale.count();
    }

    public long conflicts() {
        return (long) conflicts.count();
    }

    public long retries() {
        return (long) retries.count();
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }

    public String lastError() {
        return lastError;
    }
}
