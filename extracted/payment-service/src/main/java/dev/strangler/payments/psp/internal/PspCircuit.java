package dev.strangler.payments.psp.internal;

import dev.strangler.payments.psp.PspProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway's circuit breaker, shown in {@code /actuator/health} (component {@code pspCircuit}) and as the gauge
 * {@code payments_psp_circuit_state} (0 closed, 1 open, 2 half-open). An open circuit reports UP with its state:
 * the service still answers reads, captures fail fast, and restarting it would not help.
 */
@Component("pspCircuit")
public class PspCircuit implements HealthIndicator {

    private final CircuitBreaker breaker;

    PspCircuit(PspProperties properties, MeterRegistry meters) {
        this.breaker = CircuitBreaker.of("psp", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(Math.max(20, properties.circuitMinimumCalls()))
                .minimumNumberOfCalls(properties.circuitMinimumCalls())
                .failureRateThreshold(properties.circuitFailureRate())
                .waitDurationInOpenState(properties.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        Gauge.builder("payments.psp.circuit.state", breaker, b -> switch (b.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        }).description("PSP circuit: 0 closed, 1 open, 2 half-open").register(meters);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public Health health() {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return Health.up()
                .withDetail("circuit", breaker.getState().name())
                .withDetail("failureRate", metrics.getFailureRate())
                .withDetail("bufferedCalls", metrics.getNumberOfBufferedCalls())
                .build();
    }
}
