package dev.strangler.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusTableTests {

    @Test
    void formatsUptimeForHumans() {
        assertThat(StatusTable.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatusTable.format(Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(StatusTable.format(Duration.ofMinutes(185))).isEqualTo("3h5m");
    }
}
