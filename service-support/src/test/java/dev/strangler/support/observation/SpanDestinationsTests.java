package dev.strangler.support.observation;

import static org.assertj.core.api.Assertions.assertThat;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.micrometer.tracing.brave.bridge.CompositeSpanHandler;
import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanReporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class SpanDestinationsTests {

    private static final SpanReporter REPORTER = (FinishedSpan span) -> { };
    private static final SpanHandler EXPORTER = new SpanHandler() {
        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            return true;
        }
    };

    @Test
    void bootsOwnCompositeHandlerAloneReachesNothing() {
        assertThat(any(Map.of("composite", composite(List.of())))).isFalse();
        assertThat(any(Map.of())).isFalse();
    }

    @Test
    void anExporterOrAnotherHandlerReceivesThem() {
        assertThat(any(Map.of("composite", composite(List.of()), "zipkin", EXPORTER))).isTrue();
        assertThat(any(Map.of("collector", EXPORTER))).isTrue();
    }

    @Test
    void aMicrometerReporterReceivesThem() {
        assertThat(any(Map.of("composite", composite(List.of(REPORTER)), "reporter", REPORTER))).isTrue();
    }

    private static CompositeSpanHandler composite(List<SpanReporter> reporters) {
        return new CompositeSpanHandler(List.of(), reporters, List.of());
    }

    private static boolean any(Map<String, Object> beans) {
        StaticListableBeanFactory factory = new StaticListableBeanFactory(new HashMap<>(beans));
        return SpanDestinations.any(factory.getBeanProvider(SpanHandler.class),
                factory.getBeanProvider(SpanReporter.class));
    }
}
