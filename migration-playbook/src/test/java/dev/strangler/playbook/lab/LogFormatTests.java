package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFormatTests {

    @TempDir
    Path dir;

    @Test
    void plainUntilJsonIsChosenAndTheChoiceIsKeptForLaterUps() {
        LabLayout layout = new LabLayout(Path.of("."), dir.resolve("lab"));
        assertThat(LogFormat.of(layout)).isEqualTo(LogFormat.PLAIN);
        assertThat(LogFormat.PLAIN.springArguments()).isEmpty();

        LogFormat.JSON.keep(layout);

        assertThat(LogFormat.of(new LabLayout(Path.of("."), dir.resolve("lab")))).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.JSON.springArguments()).containsExactly("--logging.structured.format.console=logstash");
        LogFormat.PLAIN.keep(layout);
        assertThat(LogFormat.of(layout)).isEqualTo(LogFormat.PLAIN);
    }

    @Test
    void everySpringApplicationReportsToTheLabsZipkin() {
        assertThat(LabComponents.tracing(new LabPorts(1000))).containsExactly(
                "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:10411/api/v2/spans",
                "--management.tracing.export.zipkin.enabled=true", "--management.tracing.export.zipkin.encoding=PROTO3");
    }
}
