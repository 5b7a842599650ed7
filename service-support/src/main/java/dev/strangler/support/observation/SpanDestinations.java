package dev.strangler.support.observation;

import brave.handler.SpanHandler;
import io.micrometer.tracing.brave.bridge.CompositeSpanHandler;
import io.micrometer.tracing.exporter.SpanReporter;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Whether a finished Brave span reaches anything in this application. Code that makes spans by hand on a hot path
 * (the proxy's data plane, the CDC bridge's pipeline) asks this once at start-up and, when nothing would receive
 * them, only passes the trace context on: a recorded span costs a few microseconds and an entry in Brave's pending
 * map, for nothing.
 */
public final class SpanDestinations {

    private SpanDestinations() {
    }

    /**
     * True with the Zipkin exporter (a span handler, present only when
     * {@code management.tracing.export.zipkin.enabled} is true), any other span handler, or a Micrometer
     * {@link SpanReporter}. Spring Boot always registers a {@link CompositeSpanHandler} that feeds the reporters:
     * alone, with no reporter, it drops every span, so it does not count.
     */
    public static boolean any(ObjectProvider<SpanHandler> spanHandlers, ObjectProvider<SpanReporter> reporters) {
        return spanHandlers.stream().anyMatch(h -> !(h instanceof CompositeSpanHandler))
                || reporters.stream().findAny().isPresent();
    }
}
