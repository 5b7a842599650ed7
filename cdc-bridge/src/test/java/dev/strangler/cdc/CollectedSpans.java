package dev.strangler.cdc;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.annotation.Bean;

/**
 * Every span the bridge finishes, kept in memory: a source for {@link BridgeInstance#with}. Spring Boot's Brave
 * configuration hands finished spans to every {@code SpanHandler} bean. Not a {@code @Configuration}, so that the
 * application's component scan does not add it to other tests' bridges.
 */
final class CollectedSpans {

    static final List<MutableSpan> SPANS = new CopyOnWriteArrayList<>();

    @Bean
    SpanHandler spanCollector() {
        return new SpanHandler() {
            @Override
            public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                if (cause == Cause.FINISHED) {
                    SPANS.add(span);
                }
                return true;
            }
        };
    }
}
