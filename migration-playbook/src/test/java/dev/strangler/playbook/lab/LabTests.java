package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strangler.lab.process.Ports;
import dev.strangler.playbook.analysis.AnalysisOutput;
import dev.strangler.playbook.chaos.ChaosLog;
import dev.strangler.playbook.pcireport.PciScopeReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTests {

    @Test
    void standardLabListsEveryComponentWithDistinctPortsAndKnownDependencies() {
        List<LabComponent> components = LabComponents.standard(new LabLayout(Path.of("."), Path.of(".lab")), new LabPorts(0));
        assertThat(components).extracting(LabComponent::name)
                .containsExactly("legacy-db", "payments-db", "customers-db", "kafka", "schema-registry", "zipkin",
                        "payment-gateway", "legacy-monolith", "payment-service", "customer-service", "cdc-bridge",
                        "strangler-proxy");
        assertThat(components.stream().flatMap(c -> c.allPorts().stream()).distinct().count())
                .isEqualTo(components.stream().mapToLong(c -> c.allPorts().size()).sum());
    }

    @Test
    void portOffsetShiftsEveryPortWithoutCollidingWithTheDefaultLab() {
        LabPorts shifted = new LabPorts(1000);
        assertThat(List.of(shifted.legacyDb(), shifted.paymentsDb(), shifted.kafka(), shifted.schemaRegistry(), shifted.paymentGateway()))
                .containsExactly(16432, 16433, 10092, 9085, 9089);
        // a second lab at offset 1000 must not need any port of the first
        LabLayout layout = new LabLayout(Path.of("."), Path.of(".lab"));
        List<Integer> first = LabComponents.standard(layout, new LabPorts(0)).stream().flatMap(c -> c.allPorts().stream()).toList();
        List<Integer> second = LabComponents.standard(layout, shifted).stream().flatMap(c -> c.allPorts().stream()).toList();
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThatThrownBy(() -> new LabPorts(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warnsWhenAnOffsetPutsPortsWhereOutgoingConnectionsTakeTheirs() {
        Ports.PortRange linuxDefault = new Ports.PortRange(32768, 60999);
        LabLayout layout = new LabLayout(Path.of("."), Path.of(".lab"));
        List<Integer> defaults = LabComponents.standard(layout, new LabPorts(0)).stream().flatMap(c -> c.allPorts().stream()).toList();
        assertThat(Lab.ephemeralPortWarning(defaults, linuxDefault)).isEmpty();
        // offset 20000: the databases (35432, 35433, 35434) lie in the range, the HTTP ports (28080...) do not
        List<Integer> shifted = LabComponents.standard(layout, new LabPorts(20_000)).stream().flatMap(c -> c.allPorts().stream()).toList();
        assertThat(Lab.ephemeralPortWarning(shifted, linuxDefault)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("warning: ports 35432, 35433, 35434 lie in the range the kernel uses for outgoing connections (32768-60999)")
                .contains("STRANGLER_PORT_OFFSET"));
        assertThat(Lab.ephemeralPortWarning(List.of(40_000), linuxDefault)).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("warning: port 40000 lies in"));
    }

    @Test
    void refusesAComponentListedBeforeItsDependency() {
        LabComponent service = component("service", List.of("db"));
        LabComponent db = component("db", List.of());
        assertThatThrownBy(() -> new Lab(new LabLayout(Path.of("."), Path.of(".lab")), List.of(service, db), new PrintWriter(new StringWriter())))
                .hasMessageContaining("service depends on db");
    }

    @Test
    void resetRemovesWhatTheLabAndThePlaybookMadeAndTheNextStartRunsTheOriginalMonolith(@TempDir Path dir)
            throws Exception {
        LabLayout layout = new LabLayout(dir, dir.resolve(".lab"), dir.resolve("reports"));
        // a lab after the playbook: the decommissioned monolith on its second port, the steps done, their evidence
        MonolithBuild.select(layout, MonolithBuild.Deployment.INITIAL.next(MonolithBuild.DECOMMISSIONED));
        List<Path> made = List.of(layout.root().resolve("legacy-monolith.build"), layout.playbookState("payments"),
                layout.data("legacy-db").resolve("PG_VERSION"), layout.data("strangler-proxy").resolve("routes.json"),
                layout.log("legacy-monolith"), layout.root().resolve("run/legacy-monolith-next.pid"),
                LabComponents.proxyTokenFile(layout), new ChaosLog(layout.root(), Clock.systemUTC()).file(),
                layout.reports().resolve("playbook/payments/decommission.json"), layout.reports().resolve(PciScopeReport.BASELINE),
                layout.reports().resolve(PciScopeReport.MARKDOWN), layout.reports().resolve(PciScopeReport.JSON),
                layout.reports().resolve(AnalysisOutput.markdown("payments")),
                layout.reports().resolve(AnalysisOutput.json("payments")),
                layout.reports().resolve(AnalysisOutput.history("payments")),
                layout.reports().resolve(AnalysisOutput.markdown("customers")),
                layout.reports().resolve(AnalysisOutput.history("customers")),
                layout.reports().resolve("rehearsal-payments.json"), layout.reports().resolve("rehearsal-customers.json"),
                // what earlier versions wrote for payments
                layout.reports().resolve("analysis.md"), layout.reports().resolve("analysis-history.json"),
                layout.reports().resolve("rehearsal.json"));
        // what the user chose or wrote: a reset keeps it
        LogFormat.JSON.keep(layout);
        List<Path> kept = List.of(layout.root().resolve("log-format"),
                LabComponents.overridesFile(layout, "legacy-monolith"), PrometheusSetup.config(layout),
                layout.reports().resolve("traffic.json"), layout.reports().resolve("my-analysis.md"));
        for (Path file : made.subList(1, made.size())) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "planted\n");
        }
        for (Path file : kept.subList(1, kept.size())) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "mine\n");
        }
        assertThat(LabComponents.standard(layout, new LabPorts(0)).stream()
                .filter(c -> c.name().equals("legacy-monolith")).findFirst().orElseThrow().port()).isEqualTo(8087);

        new Lab(layout, LabComponents.standard(layout, new LabPorts(0)), new PrintWriter(new StringWriter())).reset();

        assertThat(made).allSatisfy(file -> assertThat(file).doesNotExist());
        assertThat(kept).allSatisfy(file -> assertThat(file).exists());
        assertThat(MonolithBuild.Deployment.current(layout)).isEqualTo(MonolithBuild.Deployment.INITIAL);
        LabComponent monolith = LabComponents.standard(layout, new LabPorts(0)).stream()
                .filter(c -> c.name().equals("legacy-monolith")).findFirst().orElseThrow();
        assertThat(monolith.port()).isEqualTo(8081);
        assertThat(monolith.description()).isEqualTo(MonolithBuild.ORIGINAL.description());
    }

    private static LabComponent component(String name, List<String> deps) {
        return new LabComponent(name, name, 1, List.of(), "", deps, new Launcher() {
            @Override
            public void start() {
            }

            @Override
            public Optional<ProcessHandle> running() {
                return Optional.empty();
            }

            @Override
            public boolean stop() {
                return true;
            }
        }, () -> true, Duration.ofSeconds(1), LabComponent.AfterStart.NOTHING);
    }
}
