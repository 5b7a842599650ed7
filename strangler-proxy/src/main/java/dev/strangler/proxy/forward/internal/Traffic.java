package dev.strangler.proxy.forward.internal;

import dev.strangler.proxy.shadow.Redaction;
import dev.strangler.proxy.slo.Side;
import dev.strangler.proxy.slo.SloWatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything recorded when a response ends: metrics per route, stage and upstream, the SLO window, the access log. */
public final class Traffic {

    private static final Logger access = LoggerFactory.getLogger("dev.strangler.proxy.access");

    private final MeterRegistry meters;
    private final SloWatch slo;
    private final boolean accessLog;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public Traffic(MeterRegistry meters, SloWatch slo, boolean accessLog) {
        this.meters = meters;
        this.slo = slo;
        this.accessLog = accessLog;
    }

    void ended(Exchange ex, int status, String query) {
        long micros = (System.nanoTime() - ex.startNanos) / 1_000;
        boolean error = status >= 500;
        slo.record(ex.route.id(), ex.side, micros, error);
        String upstream = ex.side.tag();
        String outcome = (status / 100) + "xx";
        String stage = ex.route.stage().name();
        timers.computeIfAbsent(ex.route.id() + '|' + stage + '|' + upstream + '|' + outcome,
                k -> Timer.builder("proxy.requests")
                        .description("Requests through the data plane, by route, stage, upstream and status class")
                        .tags("route", ex.route.id(), "stage", stage, "upstream", upstream, "status", outcome)
                        .publishPercentileHistogram()
                        .register(meters))
                .record(micros, TimeUnit.MICROSECONDS);
        if (accessLog && access.isInfoEnabled()) {
            // no query values (they can hold tokens) and no card numbers, even in paths
            access.info("{} {}{} {} route={} target={} us={} cid={}", ex.method, Redaction.redact(ex.path),
                    query.isEmpty() ? "" : "?" + Redaction.maskQuery(query), status, ex.route.id(),
                    ex.fellBack ? "legacy-fallback" : upstream, micros, ex.correlationId);
        }
    }

    /** A canary request whose extracted upstream could not be reached and that legacy served instead. */
    void extractedUnreachable(Exchange ex) {
        long micros = (System.nanoTime() - ex.startNanos) / 1_000;
        slo.record(ex.route.id(), Side.EXTRACTED, micros, true);
        meters.counter("proxy.fallbacks", "route", ex.route.id()).increment();
    }
}
