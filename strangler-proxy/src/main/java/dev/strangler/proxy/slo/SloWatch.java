package dev.strangler.proxy.slo;

import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.route.SloPolicy;
import dev.strangler.proxy.slo.internal.SlidingWindow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each route's extracted side and rolls the route back by itself when, over the route's window and with at
 * least the minimum sample, the error rate or the p99 latency breaks the route's policy. {@link #check()} runs every
 * half second, so with steady traffic a breach is acted on well within 5 s.
 */
public final class SloWatch {

    private static final Logger log = LoggerFactory.getLogger(SloWatch.class);
    public static final String WHO = "slo-watch";

    private final RouteStore routes;
    private final Clock clock;
    private final Consumer<CanaryRolledBack> events;
    private final Map<String, SlidingWindow> extracted = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> legacy = new ConcurrentHashMap<>();
    private final Map<String, dev.strangler.proxy.route.Stage> stages = new ConcurrentHashMap<>();

    public SloWatch(RouteStore routes, Clock clock, Consumer<CanaryRolledBack> events) {
        this.routes = routes;
        this.clock = clock;
        this.events = events;
        for (Route route : routes.current().routes()) {
            stages.put(route.id(), route.stage());
        }
        routes.addListener(changed -> {
            // a route that changes stage starts from a clean window: figures of the old stage must not roll back the new one
            for (Route route : changed.table().routes()) {
                if (stages.put(route.id(), route.stage()) != route.stage()) {
                    extracted.remove(route.id());
                    legacy.remove(route.id());
                }
            }
        });
    }

    /** Records one answered (or failed) request; {@code error} is a 5xx, a connect failure or a timeout. */
    public void record(String routeId, Side side, long latencyMicros, boolean error) {
        Map<String, SlidingWindow> windows = side == Side.EXTRACTED ? extracted : legacy;
        windows.computeIfAbsent(routeId, id -> new SlidingWindow())
                .record(clock.millis() / 1000, latencyMicros, error);
    }

    /** Evaluates every route that serves the extracted side; returns the ids it rolled back. */
    public List<String> check() {
        List<String> rolledBack = new ArrayList<>();
        for (Route route : routes.current().routes()) {
            if (!route.stage().servesExtracted()) {
                continue;
            }
            String breach = breach(route);
            if (breach != null && routes.rollBack(route.id(), breach, WHO)) {
                log.warn("Rolled back route {}: {}", route.id(), breach);
                // the next canary starts from a clean window, not from the figures that caused this rollback
                extracted.remove(route.id());
                events.accept(new CanaryRolledBack(route.id(), breach, clock.instant()));
                rolledBack.add(route.id());
            }
        }
        return rolledBack;
    }

    /** Current figures of every route. */
    public List<SloFigures> figures() {
        List<SloFigures> all = new ArrayList<>();
        for (Route route : routes.current().routes()) {
            all.add(figures(route));
        }
        return all;
    }

    public SloFigures figures(Route route) {
        int window = route.slo().windowSeconds();
        SlidingWindow.Snapshot e = snapshot(extracted, route.id(), window);
        SlidingWindow.Snapshot l = snapshot(legacy, route.id(), window);
        long total = e.count() + l.count();
        return new SloFigures(route.id(), route.stage(), window, side(e), side(l),
                total == 0 ? 0 : (double) e.count() / total);
    }

    private @org.jspecify.annotations.Nullable String breach(Route route) {
        SloPolicy policy = route.slo();
        SlidingWindow.Snapshot e = snapshot(extracted, route.id(), policy.windowSeconds());
        if (e.count() < policy.minSamples()) {
            return null;
        }
        if (e.errorRate() > policy.maxErrorRate()) {
            return String.format(Locale.ROOT, "SLO breach: error rate %.1f%% > %.1f%% over %d requests in %d s",
                    100 * e.errorRate(), 100 * policy.maxErrorRate(), e.count(), policy.windowSeconds());
        }
        double p99Millis = e.p99Micros() / 1000.0;
        if (p99Millis > policy.maxP99Millis()) {
            return String.format(Locale.ROOT, "SLO breach: p99 %.0f ms > %d ms over %d requests in %d s",
                    p99Millis, policy.maxP99Millis(), e.count(), policy.windowSeconds());
        }
        if (policy.maxP99VsLegacy() > 0) {
            SlidingWindow.Snapshot l = snapshot(legacy, route.id(), policy.windowSeconds());
            if (l.count() >= policy.minSamples() && l.p99Micros() > 0
                    && e.p99Micros() > policy.maxP99VsLegacy() * l.p99Micros()) {
                return String.format(Locale.ROOT, "SLO breach: p99 %.1f ms > %.1f x legacy p99 %.1f ms over %d requests in %d s",
                        p99Millis, policy.maxP99VsLegacy(), l.p99Micros() / 1000.0, e.count(), policy.windowSeconds());
            }
        }
        return null;
    }

    private SlidingWindow.Snapshot snapshot(Map<String, SlidingWindow> windows, String id, int seconds) {
        SlidingWindow w = windows.get(id);
        return w == null ? new SlidingWindow.Snapshot(0, 0, 0) : w.snapshot(clock.millis() / 1000, seconds);
    }

    private static SloFigures.SideFigures side(SlidingWindow.Snapshot s) {
        return new SloFigures.SideFigures(s.count(), s.errors(), s.errorRate(), s.p99Micros() / 1000.0);
    }
}
