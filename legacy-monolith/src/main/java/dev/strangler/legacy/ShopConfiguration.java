package dev.strangler.legacy;

import dev.strangler.support.observation.CorrelationFilter;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class ShopConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Correlation id and traceparent on every answer, for the shop's log lines and the proxy's traces. */
    @Bean
    CorrelationFilter correlationFilter(Tracer tracer) {
        return new CorrelationFilter(tracer, CorrelationFilter.RequestLog.NONE);
    }
}
