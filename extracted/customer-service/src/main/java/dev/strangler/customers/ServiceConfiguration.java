package dev.strangler.customers;

import dev.strangler.support.observation.CorrelationFilter;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every feature shares. */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Correlation id and traceparent on every answer; one log line per API request (never an email address or a name). */
    @Bean
    CorrelationFilter correlationFilter(Tracer tracer) {
        return new CorrelationFilter(tracer, CorrelationFilter.RequestLog.of("dev.strangler.customers.requests", "/api/"));
    }
}
