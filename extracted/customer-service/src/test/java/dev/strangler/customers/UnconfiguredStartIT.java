package dev.strangler.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.UnconfiguredStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The customer service started as an operator would start it anywhere but the lab, without the lab profile and without its
 * settings: it refuses to run half-configured and names what is missing, rather than reaching for 127.0.0.1.
 */
class UnconfiguredStartIT {

    @Test
    void stopsAtStartNamingAMissingSetting() {
        UnconfiguredStart start = UnconfiguredStart.of(Path.of("target", "customer-service.jar"), List.of("--server.port=0"),
                Path.of("target", "unconfigured-start"), Duration.ofSeconds(120));

        assertThat(start.exitCode()).as(start.output()).isNotZero();
        assertThat(start.output()).contains("APPLICATION FAILED TO START")
                .containsPattern("(customers\\.shop\\.base-url|'url' attribute is not specified)");
    }
}
