package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.cdc.capture.internal.DebeziumConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Each capture's Debezium poll interval comes from {@code bridge.poll-interval.*}: short for legacy -> new (the
 * migration's lag), longer for the outbox, because an idle Debezium queue spins through the last millisecond of
 * every interval.
 */
class PollIntervalTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BridgeProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaultsPollTheLegacySideOftenAndTheOutboxLess() {
        app.run(context -> {
            BridgeProperties.PollIntervals intervals = context.getBean(BridgeProperties.class).pollInterval();
            assertThat(intervals.legacy()).isEqualTo(Duration.ofMillis(5));
            assertThat(intervals.service()).isEqualTo(Duration.ofMillis(50));
        });
    }

    @Test
    void anIntervalIsConfigurableAndReachesDebezium() {
        app.withPropertyValues("bridge.poll-interval.legacy=25ms", "bridge.poll-interval.service=1s").run(context -> {
            BridgeProperties properties = context.getBean(BridgeProperties.class);
            Properties debezium = DebeziumConfig.forTable("slot", new BridgeProperties.Database("127.0.0.1", 5432, "shop", "postgres", "", "prefer", ""),
                    Path.of("offsets"),
                    "public.payments", "when_needed", properties.pollInterval().legacy());
            assertThat(debezium.getProperty("poll.interval.ms")).isEqualTo("25");
            assertThat(properties.pollInterval().service()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void refusesAnIntervalUnderOneMillisecond() {
        // under 1 ms Debezium's queue would spin for the whole interval
        app.withPropertyValues("bridge.poll-interval.legacy=0ms").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("bridge.poll-interval.legacy and .service must be at least 1ms"));
    }
}
