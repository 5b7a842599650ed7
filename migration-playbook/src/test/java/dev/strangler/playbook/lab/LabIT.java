package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.process.JvmCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How `up` fails: with the component's name, what went wrong and the end of its log, never silently. */
class LabIT {

    @Test
    void aComponentThatExitsDuringStartUpFailsUpWithTheEndOfItsLog(@TempDir Path dir) {
        LabLayout layout = new LabLayout(dir, dir.resolve(".lab"));
        LabComponent crasher = jvmComponent(layout, "crasher", "exit", Duration.ofSeconds(60));
        Lab lab = new Lab(layout, List.of(crasher), new PrintWriter(new StringWriter()));

        assertThatThrownBy(() -> lab.up())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("crasher exited during start-up")
                .hasMessageContaining("boom: the port is on fire")
                .hasMessageContaining(layout.log("crasher").toString());
    }

    @Test
    void aComponentThatNeverBecomesHealthyFailsUpAfterItsTimeoutAndDownStopsIt(@TempDir Path dir) {
        LabLayout layout = new LabLayout(dir, dir.resolve(".lab"));
        LabComponent sleeper = jvmComponent(layout, "sleeper", "hang", Duration.ofSeconds(3));
        StringWriter output = new StringWriter();
        Lab lab = new Lab(layout, List.of(sleeper), new PrintWriter(output, true));

        assertThatThrownBy(() -> lab.up())
                .isInstanceOf(LabException.class)
                .hasMessageContaining("sleeper did not become healthy within 3 s")
                .hasMessageContaining("./strangler down");
        ProcessHandle process = sleeper.launcher().running().orElseThrow();

        lab.down();
        assertThat(process.isAlive()).isFalse();
        assertThat(sleeper.launcher().running()).isEmpty();
        assertThat(output.toString()).contains("sleeper", "stopping");
    }

    @Test
    void aHealthCheckThatBlocksForeverCountsAsUnhealthyInsteadOfStallingUp(@TempDir Path dir) {
        LabLayout layout = new LabLayout(dir, dir.resolve(".lab"));
        LabComponent sleeper = jvmComponent(layout, "blocker", "hang", Duration.ofSeconds(2));
        LabComponent blocking = new LabComponent(sleeper.name(), "", sleeper.port(), List.of(), "", List.of(),
                sleeper.launcher(), () -> {
                    try {
                        Thread.sleep(Duration.ofDays(1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                }, Duration.ofSeconds(2), LabComponent.AfterStart.NOTHING);
        Lab lab = new Lab(layout, List.of(blocking), new PrintWriter(new StringWriter()));
        try {
            assertThatThrownBy(() -> lab.up()).hasMessageContaining("blocker did not become healthy");
        } finally {
            lab.down();
        }
    }

    private static LabComponent jvmComponent(LabLayout layout, String name, String mode, Duration timeout) {
        JvmCommand command = JvmCommand.mainClass(JvmCommand.markerFor(name),
                List.of(LabComponents.labMarker(layout), "-Xmx32m"), MisbehavingComponent.class, List.of(mode));
        return new LabComponent(name, name, dev.strangler.lab.process.Ports.freePort(), List.of(), "", List.of(),
                PidFileLauncher.jvm(command, layout.pidFile(name), layout.log(name)), () -> false, timeout,
                LabComponent.AfterStart.NOTHING);
    }
}
