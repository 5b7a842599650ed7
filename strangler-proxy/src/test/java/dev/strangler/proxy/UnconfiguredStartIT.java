package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.UnconfiguredStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxy started as an operator would start it anywhere but the lab, without the lab profile and without its
 * settings: it refuses to run half-configured and names what is missing, rather than reaching for 127.0.0.1.
 */
class UnconfiguredStartIT {

    @Test
    void stopsAtStartNamingAMissingSetting() {
        UnconfiguredStart start = UnconfiguredStart.of(Path.of("target", "strangler-proxy.jar"), List.of("--server.port=0", "--proxy.port=0",
                "--proxy.extractions=" + Path.of("..", "extractions").toAbsolutePath()),
                Path.of("target", "unconfigured-start"), Duration.ofSeconds(120));

        assertThat(start.exitCode()).as(start.output()).isNotZero();
        assertThat(start.output()).contains("APPLICATION FAILED TO START")
                .containsPattern("Property: proxy\\.legacy(-u|U)pstream");
    }
}
