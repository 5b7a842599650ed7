package dev.strangler.proxy.forward.internal;

import dev.strangler.proxy.route.Stage;
import dev.strangler.proxy.shadow.Redaction;
import dev.strangler.proxy.slo.Side;
import dev.strangler.proxy.slo.SloWatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything recorded when a response ends: metrics per route, stage and upstream, the SLO window, the access log. */
public final class Traffic {

    private static final Logger access = LoggerFactory.getLogger("dev.strangler.proxy.access");

    private final MeterRegistry meters;
    private final SloWatch slo;
    private final boolean accessLog;
    /**
     * The request timers of each route, by stage, side and status class: looked up per request by the route id alone
     * (no key string built, no tags parsed); a slot is filled once, on the first request with that combination.
     */
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();
    private static final Stage[] STAGES = Stage.values();
    private static final Side[] SIDES = Side.values();
    private static final int CLASSES = 10;

    public Traffic(MeterRegistry meters, SloWatch slo, boolean accessLog) {
        this.meters = meters;
        this.slo = slo;
        this.accessLog = accessLog;
    }

    void ended(Exchange ex, int status, String query) {
        long micros = (System.nanoTime() - ex.startNanos) / 1_000;
        boolean error = status >= 500;
        slo.record(ex.route.id(), ex.side, micros, error);
        timer(ex.route.id(), ex.route.stage(), ex.side, status).record(micros, TimeUnit.MICROSECONDS);
        if (accessLog && access.isInfoEnabled()) {
            // no query values (they can hold tokens) and no card numbers, even in paths
            access.info("{} {}{} {} route={} target={} us={} cid={} traceId={}", ex.method, Redaction.redact(ex.path),
                    query.isEmpty() ? "" : "?" + Redaction.maskQuery(query), status, ex.route.id(),
                    ex.fellBack ? "legacy-fallback" : ex.side.tag(), micros, ex.correlationId, ex.trace.traceIdString());
        }
    }

    private Timer timer(String routeId, Stage stage, Side side, int status) {
        AtomicReferenceArray<Timer> slots = timers.computeIfAbsent(routeId,
                id -> new AtomicReferenceArray<>(STAGES.length * SIDES.length * CLASSES));
        int statusClass = Math.floorMod(status / 100, CLASSES);
        int slot = (stage.ordinal() * SIDES.length + side.ordinal()) * CLASSES + statusClass;
        Timer timer = slots.get(slot);
        if (timer == null) {
            // racing event loops may both register: Micrometer hands both the same meter, so either write is right
            timer = Timer.builder("proxy.requests")
                    .description("Requests through the data plane, by route, stage, upstream and status class")
                    .tags("route", routeId, "stage", stage.name(), "upstream", side.tag(), "status", statusClass + "xx")
                    .publishPercentileHistogram()
                    .register(meters);
            slots.set(slot, timer);
        }
        return timer;
    }

    /** A canary request whose extracted upstream could not be reached and that legacy served instead. */
    void extractedUnreachable(Exchange ex) {
        long micros = (System.nanoTime() - ex.startNanos) / 1_000;
        slo.record(ex.route.id(), Side.EXTRACTED, micros, true);
        meters.counter("proxy.fallbacks", "route", ex.route.id()).increment();
    }
}
