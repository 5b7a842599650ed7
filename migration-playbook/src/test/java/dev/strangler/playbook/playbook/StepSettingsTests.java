package dev.strangler.playbook.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.lab.MonolithBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each action's settings are read when the playbook is loaded: the shipped descriptors' values, the defaults of what
 * a step leaves out, and every value that refuses the playbook before anything runs, with the message that names the
 * extraction, the step and the setting.
 */
class StepSettingsTests {

    private static final Path EXTRACTIONS = Path.of("..", "extractions");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A decommission step's seam, as the shop's. */
    private static final String SEAM = "seam: {table: shop_settings, name: payments.mode, info: payments}";

    @TempDir
    Path dir;

    @Test
    void readsTheSettingsOfTheShippedPlaybooks() {
        PlaybookDefinition payments = PlaybookDefinition.read(EXTRACTIONS.resolve("payments.yaml"));

        assertThat(settings(payments, "analyse")).isEqualTo(new AnalyseSettings());
        assertThat(settings(payments, "service-healthy")).isEqualTo(new ServiceHealthySettings());
        assertThat(settings(payments, "data-in-sync")).isEqualTo(new CdcInSyncSettings(0, 5000,
                Duration.ofSeconds(30), Duration.ofSeconds(600)));
        assertThat(settings(payments, "shadow")).isEqualTo(new ShadowSettings(20, Duration.ofSeconds(10), 1000,
                Map.of("payments-write", 200L), 0.01, Duration.ofSeconds(300)));
        assertThat(settings(payments, "canary")).isEqualTo(new CanarySettings(List.of(5, 25, 50, 100),
                Duration.ofSeconds(15), 20, 0.01, 50));
        assertThat(settings(payments, "cutover")).isEqualTo(new CutoverSettings(0, Duration.ofSeconds(30)));
        assertThat(settings(payments, "decommission")).isEqualTo(new DecommissionSettings(new DecommissionSettings.Seam(
                "shop_settings", "payments.mode", "remote", "in-process", "payments"), MonolithBuild.DECOMMISSIONED));

        PlaybookDefinition customers = PlaybookDefinition.read(EXTRACTIONS.resolve("customers.yaml"));
        ShadowSettings shadow = (ShadowSettings) settings(customers, "shadow");
        assertThat(shadow.minCompared("customers-read")).isEqualTo(1000);
        assertThat(shadow.minCompared("customers-write")).as("no dry run: writes are not mirrored").isZero();
    }

    @Test
    void aStepThatLeavesItsSettingsOutGetsTheDefaults() throws IOException {
        PlaybookDefinition playbook = PlaybookDefinition.read(payments("""
                    - {id: sync, action: cdc-in-sync}
                    - {id: shadow, action: shadow}
                    - {id: canary, action: canary, gate: {}}
                    - {id: cutover, action: cutover}
                """));

        assertThat(settings(playbook, "sync")).isEqualTo(CdcInSyncSettings.DEFAULTS);
        assertThat(settings(playbook, "shadow")).isEqualTo(ShadowSettings.DEFAULTS);
        assertThat(settings(playbook, "canary")).isEqualTo(CanarySettings.DEFAULTS);
        assertThat(settings(playbook, "cutover")).isEqualTo(CutoverSettings.DEFAULTS);
        // the defaults the steps had when each read its own, and that extractions/README.md documents
        assertThat(CdcInSyncSettings.DEFAULTS).isEqualTo(new CdcInSyncSettings(0, 5000, Duration.ofSeconds(30),
                Duration.ofSeconds(600)));
        assertThat(ShadowSettings.DEFAULTS).isEqualTo(new ShadowSettings(20, Duration.ofSeconds(10), 1000, Map.of(),
                0.01, Duration.ofSeconds(300)));
        assertThat(CanarySettings.DEFAULTS).isEqualTo(new CanarySettings(List.of(5, 25, 50, 100),
                Duration.ofSeconds(15), 20, 0.01, 50));
        assertThat(CutoverSettings.DEFAULTS).isEqualTo(new CutoverSettings(0, Duration.ofSeconds(30)));
        assertThat(ShadowSettings.DEFAULTS.minCompared("payments-write")).isEqualTo(1000);
    }

    @Test
    void aDecommissionSeamLeavesItsModesToTheDefaults() throws IOException {
        PlaybookDefinition playbook = PlaybookDefinition.read(payments("""
                    - id: decommission
                      action: decommission
                      seam: {table: settings, name: accounts.mode, info: accounts}
                      build: decommissioned
                """));

        assertThat(settings(playbook, "decommission")).isEqualTo(new DecommissionSettings(
                new DecommissionSettings.Seam("settings", "accounts.mode", "remote", "in-process", "accounts"),
                MonolithBuild.DECOMMISSIONED));
    }

    @Test
    void aWholeNumberWrittenWithAFractionOfZeroIsAWholeNumber() throws IOException {
        PlaybookDefinition playbook = PlaybookDefinition.read(payments("""
                    - {id: canary, action: canary, traffic-rps: 30.0, gate: {max-error-rate: 0, min-requests: 10.0}}
                """));

        CanarySettings canary = (CanarySettings) settings(playbook, "canary");
        assertThat(canary.trafficRps()).isEqualTo(30);
        assertThat(canary.maxErrorRate()).isZero();
        assertThat(canary.minRequests()).isEqualTo(10);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // out of range
                Arguments.of("- {id: my-canary, action: canary, gate: {max-error-rate: -0.01}}",
                        "step 'my-canary' of extraction 'payments': gate.max-error-rate must be a rate between 0 and 1"
                                + " (0.01 is 1 %), got -0.01"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {max-diff-rate: 1.5}}",
                        "step 'my-shadow' of extraction 'payments': gate.max-diff-rate must be a rate between 0 and 1"
                                + " (0.01 is 1 %), got 1.5"),
                Arguments.of("- {id: my-canary, action: canary, percents: [5, 50, 150]}",
                        "step 'my-canary' of extraction 'payments': percents must each be between 1 and 100, got 150"),
                Arguments.of("- {id: my-canary, action: canary, percents: [0, 50]}",
                        "step 'my-canary' of extraction 'payments': percents must each be between 1 and 100, got 0"),
                Arguments.of("- {id: my-canary, action: canary, percents: [5, 50, 25]}",
                        "step 'my-canary' of extraction 'payments': percents must grow from one share to the next,"
                                + " got 25 after 50"),
                Arguments.of("- {id: my-canary, action: canary, percents: [50, 50]}",
                        "step 'my-canary' of extraction 'payments': percents must grow from one share to the next,"
                                + " got 50 after 50"),
                Arguments.of("- {id: my-canary, action: canary, percents: []}",
                        "step 'my-canary' of extraction 'payments': percents must name at least one share, e.g."
                                + " [5, 25, 50, 100]"),
                Arguments.of("- {id: my-canary, action: canary, observe-seconds: 0}",
                        "step 'my-canary' of extraction 'payments': observe-seconds must be more than 0, got 0"),
                Arguments.of("- {id: my-canary, action: canary, gate: {min-requests: -1}}",
                        "step 'my-canary' of extraction 'payments': gate.min-requests must be 0 or more, got -1"),
                Arguments.of("- {id: my-shadow, action: shadow, traffic-rps: 0}",
                        "step 'my-shadow' of extraction 'payments': traffic-rps must be between 1 and 10000"
                                + " requests/s, got 0"),
                Arguments.of("- {id: my-shadow, action: shadow, warmup-seconds: -10}",
                        "step 'my-shadow' of extraction 'payments': warmup-seconds must be 0 or more, got -10"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {timeout-seconds: 0}}",
                        "step 'my-shadow' of extraction 'payments': gate.timeout-seconds must be more than 0, got 0"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {min-compared-by-route: {payments-write: -1}}}",
                        "step 'my-shadow' of extraction 'payments': gate.min-compared-by-route.payments-write must"
                                + " be 0 or more, got -1"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {min-compared-by-route: {payments-writes: 9}}}",
                        "step 'my-shadow' of extraction 'payments': gate.min-compared-by-route.payments-writes names"
                                + " no route of the playbook (routes: [payments-read, payments-write])"),
                Arguments.of("- {id: my-sync, action: cdc-in-sync, gate: {max-lag-ms: -5000}}",
                        "step 'my-sync' of extraction 'payments': gate.max-lag-ms must be 0 or more, got -5000"),
                Arguments.of("- {id: my-sync, action: cdc-in-sync, gate: {backfill-timeout-seconds: 0}}",
                        "step 'my-sync' of extraction 'payments': gate.backfill-timeout-seconds must be more than 0,"
                                + " got 0"),
                Arguments.of("- {id: my-cutover, action: cutover, gate: {max-mismatches: -1}}",
                        "step 'my-cutover' of extraction 'payments': gate.max-mismatches must be 0 or more, got -1"),
                Arguments.of("- {id: my-cutover, action: cutover, gate: {settle-seconds: -30}}",
                        "step 'my-cutover' of extraction 'payments': gate.settle-seconds must be 0 or more, got -30"),
                // unknown keys
                Arguments.of("- {id: my-shadow, action: shadow, trafic-rps: 20}",
                        "step 'my-shadow' of extraction 'payments': unknown setting 'trafic-rps' (known: traffic-rps,"
                                + " warmup-seconds, gate)"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {max-diff: 0.01}}",
                        "step 'my-shadow' of extraction 'payments': unknown setting 'gate.max-diff' (known:"
                                + " gate.min-compared, gate.min-compared-by-route, gate.max-diff-rate,"
                                + " gate.timeout-seconds)"),
                Arguments.of("- {id: my-canary, action: canary, gate: {max-lag-ms: 10}}",
                        "step 'my-canary' of extraction 'payments': unknown setting 'gate.max-lag-ms' (known:"
                                + " gate.max-error-rate, gate.min-requests)"),
                Arguments.of("- {id: my-analyse, action: analyse, gate: {max-mismatches: 0}}",
                        "step 'my-analyse' of extraction 'payments': unknown setting 'gate' (the action reads no"
                                + " settings)"),
                Arguments.of("- {id: my-decommission, action: decommission, " + SEAM + ", build: decommissioned,"
                                + " observe-seconds: 15}",
                        "step 'my-decommission' of extraction 'payments': unknown setting 'observe-seconds' (known:"
                                + " seam, build)"),
                Arguments.of("- {id: my-decommission, action: decommission, seam: {table: shop_settings, name: m,"
                                + " info: payments, mode: remote}, build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': unknown setting 'seam.mode' (known:"
                                + " seam.table, seam.name, seam.value, seam.local, seam.info)"),
                // required
                Arguments.of("- {id: my-decommission, action: decommission, build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': seam is required: the monolith's switch,"
                                + " e.g. {table: shop_settings, name: payments.mode, info: payments} (value and local"
                                + " default to remote and in-process)"),
                Arguments.of("- {id: my-decommission, action: decommission, " + SEAM + "}",
                        "step 'my-decommission' of extraction 'payments': build is required: the monolith build to"
                                + " deploy once the seam is switched (decommissioned)"),
                Arguments.of("- {id: my-decommission, action: decommission, seam: {table: shop_settings,"
                                + " info: payments}, build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': seam.name is required: the switch's row in"
                                + " seam.table"),
                Arguments.of("- {id: my-decommission, action: decommission, " + SEAM + ", build: original}",
                        "step 'my-decommission' of extraction 'payments': build must be a build without the"
                                + " in-process code (decommissioned), got original: the step deploys it, and its"
                                + " rollback the original"),
                Arguments.of("- {id: my-decommission, action: decommission, " + SEAM + ", build: slim}",
                        "step 'my-decommission' of extraction 'payments': build must name a build of the monolith"
                                + " (decommissioned), got 'slim'"),
                Arguments.of("- {id: my-decommission, action: decommission, seam: {table: shop_settings,"
                                + " name: payments.mode, value: remote, local: remote, info: payments},"
                                + " build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': seam.value and seam.local must differ: the"
                                + " monolith would report 'remote' before the switch as after it"),
                Arguments.of("- {id: my-decommission, action: decommission, seam: {table: shop_settings,"
                                + " name: payments.mode, info: \"\"}, build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': seam.info must not be empty"),
                // wrong types
                Arguments.of("- {id: my-shadow, action: shadow, traffic-rps: fast}",
                        "step 'my-shadow' of extraction 'payments': traffic-rps must be a whole number, got \"fast\""),
                Arguments.of("- {id: my-shadow, action: shadow, traffic-rps: 20.5}",
                        "step 'my-shadow' of extraction 'payments': traffic-rps must be a whole number, got 20.5"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {max-diff-rate: 1%}}",
                        "step 'my-shadow' of extraction 'payments': gate.max-diff-rate must be a number, got \"1%\""),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {min-compared-by-route: [payments-write]}}",
                        "step 'my-shadow' of extraction 'payments': gate.min-compared-by-route must be a mapping of"
                                + " names to whole numbers, got [\"payments-write\"]"),
                Arguments.of("- {id: my-shadow, action: shadow, gate: {min-compared-by-route: {payments-write: x}}}",
                        "step 'my-shadow' of extraction 'payments': gate.min-compared-by-route.payments-write must"
                                + " be a whole number, got \"x\""),
                Arguments.of("- {id: my-decommission, action: decommission, seam: {table: 5, name: payments.mode,"
                                + " info: payments}, build: decommissioned}",
                        "step 'my-decommission' of extraction 'payments': seam.table must be a text, got 5"),
                Arguments.of("- {id: my-canary, action: canary, percents: 50}",
                        "step 'my-canary' of extraction 'payments': percents must be a list of whole numbers, got 50"),
                Arguments.of("- {id: my-canary, action: canary, percents: [5, half]}",
                        "step 'my-canary' of extraction 'payments': percents must be a list of whole numbers, got"
                                + " [5,\"half\"]"),
                Arguments.of("- {id: my-sync, action: cdc-in-sync, gate: {settle-seconds: 7.5}}",
                        "step 'my-sync' of extraction 'payments': gate.settle-seconds must be a whole number of"
                                + " seconds, got 7.5"),
                Arguments.of("- {id: my-sync, action: cdc-in-sync, gate: {max-mismatches: null}}",
                        "step 'my-sync' of extraction 'payments': gate.max-mismatches has no value (leave the key out"
                                + " for the default)"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aBadSettingRefusesThePlaybookNamingTheExtractionTheStepAndTheSetting(String step, String message)
            throws IOException {
        Path file = payments("    " + step + "\n");

        assertThatThrownBy(() -> PlaybookDefinition.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aDecommissionWithoutItsSettingsNamesBothAtOnce() throws IOException {
        Path file = payments("""
                    - {id: decommission, action: decommission}
                """);

        assertThatThrownBy(() -> PlaybookDefinition.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2 problems in the playbook of extraction 'payments':")
                .hasMessageContaining("step 'decommission' of extraction 'payments': seam is required")
                .hasMessageContaining("step 'decommission' of extraction 'payments': build is required");
    }

    @Test
    void everyProblemOfThePlaybookIsNamedAtOnce() throws IOException {
        Path file = payments("""
                    - {id: shadow, action: shadow, traffic-rps: fast, gate: {max-diff-rate: 2, timeot-seconds: 60}}
                    - {id: canary, action: canary, percents: [50, 25]}
                """);

        assertThatThrownBy(() -> PlaybookDefinition.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("""
                        4 problems in the playbook of extraction 'payments':
                          step 'shadow' of extraction 'payments': traffic-rps must be a whole number, got "fast"
                          step 'shadow' of extraction 'payments': gate.max-diff-rate must be a rate between 0 and 1 \
                        (0.01 is 1 %), got 2.0
                          step 'shadow' of extraction 'payments': unknown setting 'gate.timeot-seconds' (known: \
                        gate.min-compared, gate.min-compared-by-route, gate.max-diff-rate, gate.timeout-seconds)
                          step 'canary' of extraction 'payments': percents must grow from one share to the next, got \
                        25 after 50""");
    }

    @Test
    void everyActionOfThePlaybookReadsItsOwnSettings() {
        assertThat(Actions.known()).containsExactlyElementsOf(Actions.standard().keySet());
    }

    @Test
    void theGateWrittenToTheEvidenceIsTheOneApplied() {
        // defaults included, under the descriptor's names: read back, it is the same gate
        CdcInSyncSettings sync = new CdcInSyncSettings(3, 1500, Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertThat(sync.gate()).containsExactly(Map.entry("max-mismatches", 3L), Map.entry("max-lag-ms", 1500L),
                Map.entry("settle-seconds", 5L), Map.entry("backfill-timeout-seconds", 60L));
        assertThat(readBack("cdc-in-sync", sync.gate(), Map.of())).isEqualTo(sync);

        CutoverSettings cutover = new CutoverSettings(2, Duration.ofSeconds(0));
        assertThat(readBack("cutover", cutover.gate(), Map.of())).isEqualTo(cutover);

        ShadowSettings shadow = new ShadowSettings(5, Duration.ofSeconds(1), 10, Map.of("payments-write", 2L), 0.5,
                Duration.ofSeconds(9));
        assertThat(readBack("shadow", shadow.gate(), Map.of("traffic-rps", 5, "warmup-seconds", 1)))
                .isEqualTo(shadow);

        CanarySettings canary = new CanarySettings(List.of(10, 100), Duration.ofSeconds(3), 7, 0.2, 0);
        assertThat(readBack("canary", canary.gate(), Map.of("percents", List.of(10, 100), "observe-seconds", 3,
                "traffic-rps", 7))).isEqualTo(canary);

        assertThat(new AnalyseSettings().gate()).isEmpty();
    }

    @Test
    void anActionAsksForItsOwnSettings() {
        PlaybookDefinition.StepDefinition step = new PlaybookDefinition.StepDefinition("sync", "cdc-in-sync",
                "in sync", CdcInSyncSettings.DEFAULTS);

        assertThat(step.settings(CdcInSyncSettings.class)).isSameAs(CdcInSyncSettings.DEFAULTS);
        assertThatThrownBy(() -> step.settings(ShadowSettings.class)).isInstanceOf(IllegalStateException.class)
                .hasMessage("step 'sync' (cdc-in-sync) has CdcInSyncSettings, not ShadowSettings");
    }

    /** The settings the reader makes of a step entry with {@code gate} and the other settings given. */
    private static StepSettings readBack(String action, Map<String, Object> gate, Map<String, Object> others) {
        Map<String, Object> entry = new LinkedHashMap<>(others);
        entry.put("id", "again");
        entry.put("action", action);
        entry.put("gate", gate);
        SettingsReader reader = SettingsReader.of(JSON.valueToTree(entry), List.of("payments-read", "payments-write"));
        StepSettings settings = Actions.settings(action, reader);
        assertThat(reader.problems()).isEmpty();
        return settings;
    }

    private static StepSettings settings(PlaybookDefinition playbook, String stepId) {
        return playbook.steps().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow().settings();
    }

    /** The repository's payments descriptor with the playbook's steps replaced by {@code steps}, in {@link #dir}. */
    private Path payments(String steps) throws IOException {
        String shipped = Files.readString(EXTRACTIONS.resolve("payments.yaml"));
        int from = shipped.indexOf("\nplaybook:\n");
        int to = shipped.indexOf("\n# What pci-scope scans");
        assertThat(from).as("payments.yaml has a playbook section").isPositive();
        assertThat(to).as("payments.yaml has a scope section after its playbook").isGreaterThan(from);
        String playbook = """

                playbook:
                  routes: [payments-read, payments-write]
                  steps:
                """ + steps;
        return Files.writeString(dir.resolve("payments.yaml"), shipped.substring(0, from) + playbook
                + shipped.substring(to));
    }
}
