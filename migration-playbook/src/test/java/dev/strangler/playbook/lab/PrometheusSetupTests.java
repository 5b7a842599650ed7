package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusSetupTests {

    @TempDir
    Path lab;

    @Test
    void enablingWritesTheShippedConfigurationWithThisLabsPortsAndTheRules() throws Exception {
        LabLayout layout = new LabLayout(Path.of(".."), lab);
        assertThat(PrometheusSetup.enabled(layout)).isFalse();

        PrometheusSetup.enable(layout, new LabPorts(1000));

        assertThat(PrometheusSetup.enabled(layout)).isTrue();
        String config = Files.readString(PrometheusSetup.config(layout));
        assertThat(config).contains("\"127.0.0.1:9090\"", "\"127.0.0.1:9081\"", "\"127.0.0.1:9082\"",
                "\"127.0.0.1:9083\"", "\"127.0.0.1:9087\"").doesNotContain("\"127.0.0.1:8081\"", "\"127.0.0.1:8087\"");
        assertThat(lab.resolve("prometheus/strangler-rules.yml")).hasSameTextualContentAs(
                Path.of("../observability/prometheus/strangler-rules.yml"));

        PrometheusSetup.disable(layout);
        assertThat(PrometheusSetup.enabled(layout)).isFalse();
    }

    @Test
    void anOffsetThatMapsOnePortOntoAnotherShiftsEachTargetOnce() throws Exception {
        LabLayout layout = new LabLayout(Path.of(".."), lab);

        PrometheusSetup.enable(layout, new LabPorts(6));

        // 8081 + 6 is the alternate monolith port 8087, which itself becomes 8093
        assertThat(Files.readString(PrometheusSetup.config(layout)))
                .contains("[\"127.0.0.1:8087\", \"127.0.0.1:8093\"]", "\"127.0.0.1:8096\"", "\"127.0.0.1:8088\"");
    }

    @Test
    void theLabHasAPrometheusComponentOnlyWhenEnabledAndInstalled() {
        LabLayout layout = new LabLayout(Path.of(".."), lab);
        assertThat(LabComponents.standard(layout, new LabPorts(0))).noneMatch(c -> c.name().equals("prometheus"));

        PrometheusSetup.enable(layout, new LabPorts(0));

        boolean installed = PrometheusSetup.executable().isPresent();
        assertThat(LabComponents.standard(layout, new LabPorts(0)).stream().anyMatch(c -> c.name().equals("prometheus")))
                .isEqualTo(installed);
    }
}
