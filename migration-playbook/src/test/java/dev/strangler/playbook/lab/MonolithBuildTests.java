package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonolithBuildTests {

    @TempDir
    Path dir;

    private LabLayout layout() {
        return new LabLayout(dir, dir.resolve(".lab"));
    }

    @Test
    void aFreshLabRunsTheOriginalBuildOnTheMonolithsPort() {
        MonolithBuild.Deployment current = MonolithBuild.Deployment.current(layout());

        assertThat(current).isEqualTo(MonolithBuild.Deployment.INITIAL);
        assertThat(current.port(new LabPorts(1000))).isEqualTo(9081);
        assertThat(LabComponents.standard(layout(), new LabPorts(0)).stream()
                .filter(c -> c.name().equals("legacy-monolith")).findFirst().orElseThrow().port()).isEqualTo(8081);
    }

    @Test
    void aRedeployGoesToTheOtherPortAndTheLabRemembersIt() {
        MonolithBuild.Deployment next = MonolithBuild.Deployment.INITIAL.next(MonolithBuild.DECOMMISSIONED);
        MonolithBuild.select(layout(), next);

        assertThat(MonolithBuild.Deployment.current(layout())).isEqualTo(next);
        assertThat(MonolithBuild.current(layout())).isEqualTo(MonolithBuild.DECOMMISSIONED);
        LabComponent monolith = LabComponents.standard(layout(), new LabPorts(0)).stream()
                .filter(c -> c.name().equals("legacy-monolith")).findFirst().orElseThrow();
        assertThat(monolith.port()).isEqualTo(8087);
        assertThat(monolith.description()).contains("decommissioned");
        assertThat(next.next(MonolithBuild.ORIGINAL).port(new LabPorts(0))).isEqualTo(8081);
    }

    @Test
    void readsABuildWithoutAPortAsThePrimaryOne() throws Exception {
        Files.createDirectories(dir.resolve(".lab"));
        Files.writeString(dir.resolve(".lab/legacy-monolith.build"), "decommissioned\n");

        assertThat(MonolithBuild.Deployment.current(layout()))
                .isEqualTo(new MonolithBuild.Deployment(MonolithBuild.DECOMMISSIONED, false));
    }

    @Test
    void refusesAFileThatNamesNoBuild() throws Exception {
        Files.createDirectories(dir.resolve(".lab"));
        Files.writeString(dir.resolve(".lab/legacy-monolith.build"), "shiny\n");

        assertThatThrownBy(() -> MonolithBuild.Deployment.current(layout())).isInstanceOf(LabException.class)
                .hasMessageContaining("original or decommissioned");
    }

    @Test
    void theDecommissionedLabCannotBeReseeded() {
        MonolithBuild.select(layout(), MonolithBuild.Deployment.INITIAL.next(MonolithBuild.DECOMMISSIONED));

        assertThatThrownBy(() -> ShopSeeding.seed(layout(), new LabPorts(0), 10)).isInstanceOf(LabException.class)
                .hasMessageContaining("no seed feature");
    }
}
