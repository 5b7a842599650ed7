package dev.strangler.cdc.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
 * Runs reconciliations, on request and periodically, one at a time, and keeps the last report: its mismatch count
 * is the {@code strangler.cdc.reconcile.mismatches} gauge and part of the bridge's health details.
 */
public final class Reconciliations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);

    private final Reconciler reconciler;
    private final BooleanSupplier caughtUp;
    private final Duration every;
    private final AtomicLong mismatches = new AtomicLong(-1);
    private volatile @Nullable ReconcileReport last;
    private @Nullable ScheduledExecutorService scheduler;

    public Reconciliations(Reconciler reconciler, BooleanSupplier caughtUp, Duration every, MeterRegistry meters) {
        this.reconciler = reconciler;
        this.caughtUp = caughtUp;
        this.every = every;
        Gauge.builder("strangler.cdc.reconcile.mismatches", mismatches, AtomicLong::get)
                .description("Rows that differ between the two databases at the last reconciliation (-1: none yet)")
                .register(meters);
    }

    /** Reconciles now (waiting for a running one to finish first). */
    public synchronized ReconcileReport run(Duration settle) {
        ReconcileReport report = reconciler.reconcile(settle, caughtUp);
        last = report;
        mismatches.set(report.mismatches());
        if (report.consistent()) {
            log.info("Reconciled {} legacy and {} service payments in {} ms: consistent", report.legacyRows(),
                    report.serviceRows(), report.tookMillis());
        } else {
            log.warn("Reconciled {} legacy and {} service payments: {} missing in the service, {} extra, {} differing",
                    report.legacyRows(), report.serviceRows(), report.missingCount(), report.extraCount(),
                    report.differingCount());
        }
        return report;
    }

    public @Nullable ReconcileReport last() {
        return last;
    }

    @Override
    public void start() {
        if (every.isZero() || every.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reconcile").daemon()
                .factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                run(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("Periodic reconciliation failed: {}", e.getMessage());
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
}
