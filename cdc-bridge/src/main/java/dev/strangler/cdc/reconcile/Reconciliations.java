package dev.strangler.cdc.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the reconciliations of every served table pair, on request and periodically, one at a time, and keeps each
 * pair's last report: its mismatch count is the {@code strangler.cdc.reconcile.mismatches} gauge (tagged by
 * extraction and table pair) and part of the bridge's health details.
 */
public final class Reconciliations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

    /** A table pair's reconciler, and the extraction that describes the pair. */
    public record Pair(String extraction, String name, Reconciler reconciler) {
    }

    private final Map<String, Pair> pairs = new LinkedHashMap<>();
    private final BooleanSupplier caughtUp;
    private final Duration every;
    private final Map<String, AtomicLong> mismatches = new LinkedHashMap<>();
    private final Map<String, ReconcileReport> last = new ConcurrentHashMap<>();
    private @Nullable ScheduledExecutorService scheduler;

    public Reconciliations(List<Pair> pairs, BooleanSupplier caughtUp, Duration every, MeterRegistry meters) {
        this.caughtUp = caughtUp;
        this.every = every;
        for (Pair p : pairs) {
            this.pairs.put(p.name(), p);
            AtomicLong gauge = new AtomicLong(-1);
            mismatches.put(p.name(), gauge);
            Gauge.builder("strangler.cdc.reconcile.mismatches", gauge, AtomicLong::get)
                    .tag("extraction", p.extraction()).tag("table", p.name())
                    .description("Rows that differ between the two databases at the last reconciliation (-1: none yet)")
                    .register(meters);
        }
    }

    /** The served pairs' names. */
    public List<String> names() {
        return List.copyOf(pairs.keySet());
    }

    /**
     * Reconciles one pair now (waiting for a running reconciliation to finish first).
     *
     * @throws UnknownPair when the bridge serves no pair of that name
     */
    public synchronized ReconcileReport run(String pair, Duration settle) {
        Pair p = pairs.get(pair);
        if (p == null) {
            throw new UnknownPair(pair, names());
        }
        ReconcileReport report = p.reconciler().reconcile(settle, caughtUp);
        last.put(pair, report);
        mismatches.get(pair).set(report.mismatches());
        if (report.consistent()) {
            log.info("Reconciled {}: {} legacy and {} service rows in {} ms: consistent", pair, report.legacyRows(),
                    report.serviceRows(), report.tookMillis());
        } else {
            log.warn("Reconciled {}: {} legacy and {} service rows: {} missing in the service, {} extra, {} differing",
                    pair, report.legacyRows(), report.serviceRows(), report.missingCount(), report.extraCount(),
                    report.differingCount());
        }
        return report;
    }

    /** A pair's last report, or null before its first reconciliation. */
    public @Nullable ReconcileReport last(String pair) {
        return last.get(pair);
    }

    @Override
    public void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reconcile").daemon()
                .factory());
        scheduler.scheduleWithFixedDelay(() -> {
            for (String pair : pairs.keySet()) {
                try {
                    run(pair, Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    log.warn("Periodic reconciliation of {} failed: {}", pair, e.getMessage());
                }
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** No served table pair has this name. */
    public static final class UnknownPair extends RuntimeException {
        UnknownPair(String pair, List<String> known) {
            super("No table pair '" + pair + "' is served by this bridge; it serves " + known + ".");
        }
    }
}
