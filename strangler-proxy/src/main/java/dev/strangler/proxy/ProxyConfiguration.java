package dev.strangler.proxy;

import brave.Tracing;
import brave.handler.SpanHandler;
import dev.strangler.proxy.forward.DataPlane;
import dev.strangler.proxy.route.Route;
import dev.strangler.proxy.route.RouteStore;
import dev.strangler.proxy.shadow.ShadowMirror;
import dev.strangler.proxy.slo.SloWatch;
import dev.strangler.support.observation.SpanDestinations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.exporter.SpanReporter;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the features together: shadow comparison, SLO watch, the data plane, and per-route gauges. */
@Configuration(proxyBeanMethods = false)
class ProxyConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ThreadPoolExecutor shadowComparisons() {
        // one thread, bounded queue: comparisons are cheap, and under overload they are dropped, not queued
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                Thread.ofPlatform().name("shadow-compare").daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    @Bean
    ShadowMirror shadowMirror(JsonMapper json, ThreadPoolExecutor shadowComparisons, Clock clock, MeterRegistry meters) {
        return new ShadowMirror(json, shadowComparisons, clock, meters);
    }

    @Bean
    SloWatch sloWatch(RouteStore routes, Clock clock, ApplicationEventPublisher events, MeterRegistry meters) {
        SloWatch watch = new SloWatch(routes, clock, event -> {
            meters.counter("proxy.rollbacks", "route", event.routeId()).increment();
            events.publishEvent(event);
        });
        registerGauges(routes, watch, meters);
        routes.addListener(changed -> registerGauges(routes, watch, meters));
        return watch;
    }

    @Bean
    SloSchedule sloSchedule(SloWatch watch) {
        return new SloSchedule(watch);
    }

    @Bean
    DataPlane dataPlane(ProxyProperties p, RouteStore routes, ShadowMirror shadow, MeterRegistry meters, SloWatch slo,
                        Tracing tracing, ObjectProvider<SpanHandler> spanHandlers, ObjectProvider<SpanReporter> reporters) {
        return new DataPlane(p.host(), p.port(), p.eventLoops(), p.upstreamPoolSize(), p.maxRequestBody().toBytes(),
                p.shadowBodyCap().toBytes(), routes, shadow, meters, slo, p.accessLog(), tracing,
                SpanDestinations.any(spanHandlers, reporters), p.callerHeader());
    }

    private static void registerGauges(RouteStore routes, SloWatch watch, MeterRegistry meters) {
        for (Route route : routes.current().routes()) {
            String id = route.id();
            Gauge.builder("proxy.canary.share", watch, w -> routes.current().route(id)
                            .map(r -> w.figures(r).extractedShare()).orElse(0.0))
                    .description("Share of the route's answered requests served by the extracted side, over its SLO window")
                    .tag("route", id).register(meters);
        }
    }

    /** Runs the SLO check twice a second, so a breach under steady traffic is acted on within the 5 s. */
    static final class SloSchedule {
        private final SloWatch watch;

        SloSchedule(SloWatch watch) {
            this.watch = watch;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelay = 500)
        void check() {
            watch.check();
        }
    }

}
