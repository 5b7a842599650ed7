package dev.strangler.playbook.pcireport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strangler.lab.pan.CardNumberScanner;
import dev.strangler.playbook.pcireport.internal.ScopeRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PciScopeReportTests {

    @TempDir
    Path out;

    private static final Path LAB = Path.of("/tmp/some-lab");

    private static final ScanTargets TARGETS = new ScanTargets(LAB, List.of(
            new ScanTargets.DatabaseTarget("legacy-db", "shop", "jdbc:x", "legacy-monolith", null, Map.of("payments", "cdc-bridge")),
            new ScanTargets.DatabaseTarget("payments-db", "payments", "jdbc:y", "payment-service", "vault_cards", Map.of())),
            null, null, List.of(), 10, ScanTargets.labByDesign());

    private static final PciScopeScan.Finding LEGACY_COLUMN = new PciScopeScan.Finding(PciScopeScan.Source.DATABASE,
            "legacy-db", "shop.public.payments.card_number", 10_000, 4, List.of("****4242", "****4444"), List.of("id=1"), false);
    private static final PciScopeScan.Finding MONOLITH_LOG = new PciScopeScan.Finding(PciScopeScan.Source.LOG_FILE,
            "legacy-monolith", "logs/legacy-monolith.log", 2, 1, List.of("****4242"), List.of("line 7"), false);
    private static final PciScopeScan.ByDesign VAULT = new PciScopeScan.ByDesign("payments-db",
            "payments.public.vault_cards", "the vault", 4);

    private static PciScopeScan scan(String at, List<PciScopeScan.Finding> findings) {
        List<PciScopeScan.ByDesign> design = new java.util.ArrayList<>(List.of(VAULT));
        design.addAll(TARGETS.byDesign());
        return new PciScopeScan(at, LAB.toString(), findings, design, ScopeRules.processes(TARGETS, findings, design),
                new PciScopeScan.Coverage(2, 12, 30, 10_000, 5, 1234, 9, 5_000_000, 2, 1_500, 120_000_000), List.of());
    }

    @Test
    void theFirstReportBecomesTheBaselineAndLaterOnesAreShownBesideIt() throws Exception {
        PciScopeReport.Written first = PciScopeReport.write(out, scan("2025-01-01T10:00:00Z", List.of(LEGACY_COLUMN, MONOLITH_LOG)),
                false, false);
        assertThat(first.baselineCreated()).isTrue();
        assertThat(Files.readString(first.markdown())).contains("This is the first scan");

        PciScopeReport.Written later = PciScopeReport.write(out, scan("2025-01-02T10:00:00Z", List.of()), false, true);

        assertThat(later.baselineCreated()).isFalse();
        assertThat(later.evidence().passed()).isTrue();
        String md = Files.readString(later.markdown());
        assertThat(md)
                .contains("Baseline: the scan of 2025-01-01T10:00:00Z")
                .contains("outside the vault: 0 now, 2 at the baseline")
                .contains("| `shop.public.payments.card_number` | database column | legacy-db | **10,000** (4 distinct: ****4242, ****4444) | none |")
                .contains("| `logs/legacy-monolith.log` | log file | legacy-monolith | **2** (1 distinct: ****4242) | none |")
                .contains("| `payments.public.vault_cards` | by design | payments-db | 4 encrypted | 4 encrypted |")
                .contains("| legacy-monolith | **in** | out | no evidence left |")
                .contains("| payment-service | in (by design) | in (by design) |")
                .contains("`--expect-extracted`: **PASS**");
        // the diagram: two environments side by side, the monolith red before and green after
        assertThat(md).contains("```mermaid\nflowchart LR\n")
                .contains("subgraph before[\"baseline 2025-01-01T10:00:00Z\"]")
                .contains("subgraph after[\"now 2025-01-02T10:00:00Z\"]")
                .containsPattern("before_legacy_monolith\\[\"legacy-monolith<br/>[^\"]*\"\\]:::cde")
                .containsPattern("after_legacy_monolith\\[\"legacy-monolith<br/>nothing found\"\\]:::clean")
                .containsPattern("after_payment_service\\[\"[^\"]*\"\\]:::design")
                .contains("before_legacy_db -.-> before_cdc_bridge");

        JsonNode json = new ObjectMapper().readTree(later.json().toFile());
        assertThat(json.path("baseline").path("scannedAt").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(json.path("now").path("findings")).isEmpty();
        assertThat(json.path("passed").asBoolean()).isTrue();
        PciScopeScan reread = PciScopeReport.readBaseline(later.baselineFile());
        assertThat(reread).isNotNull();
        assertThat(reread.findings()).containsExactly(LEGACY_COLUMN, MONOLITH_LOG);
    }

    @Test
    void aPathWhoseDigitsLookLikeACardNumberIsShownMaskedAndTheReportIsWritten() throws Exception {
        // a temporary directory's random digits: 4111111111111111 passes the Luhn check like a card number
        Path lab = Files.createDirectories(out.resolve("junit4111111111111111/lab"));
        Path logs = Files.createDirectories(lab.resolve("logs"));
        Files.writeString(logs.resolve("payment-service.log"), "DEBUG body {\"cardNumber\":\"4242424242424242\"}\n");
        PciScopeScan scan = PciScope.scan(new ScanTargets(lab, List.of(), null, logs, List.of(), 1, ScanTargets.labByDesign()),
                line -> { });

        PciScopeReport.Written written = PciScopeReport.write(out.resolve("reports"), scan, false, true);

        String md = Files.readString(written.markdown());
        String json = Files.readString(written.json());
        assertThat(CardNumberScanner.find(md)).isEmpty();
        assertThat(CardNumberScanner.find(json)).isEmpty();
        assertThat(CardNumberScanner.find(Files.readString(written.baselineFile()))).isEmpty();
        assertThat(md).contains("junit****1111/lab`").contains("| `logs/payment-service.log` | payment-service | 1 | 1 | ****4242 | line 1 |");
        assertThat(written.evidence().passed()).isFalse();
        assertThat(written.evidence().outsideScope()).singleElement().asString()
                .contains("junit****1111/lab/logs/payment-service.log (payment-service): 1 card numbers (****4242), e.g. line 1");
    }

    @Test
    void resetBaselineStartsTheComparisonAgain() throws Exception {
        PciScopeReport.write(out, scan("2025-01-01T10:00:00Z", List.of(LEGACY_COLUMN)), false, false);

        PciScopeReport.Written reset = PciScopeReport.write(out, scan("2025-01-03T10:00:00Z", List.of()), true, false);

        assertThat(reset.baselineCreated()).isTrue();
        assertThat(PciScopeReport.readBaseline(reset.baselineFile()).scannedAt()).isEqualTo("2025-01-03T10:00:00Z");
    }

    @Test
    void aBaselineWrittenBeforeDataDirectoriesWereScannedIsKept() throws Exception {
        PciScopeReport.Written first = PciScopeReport.write(out, scan("2025-01-01T10:00:00Z", List.of(LEGACY_COLUMN)),
                false, false);
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(first.baselineFile().toFile());
        ((ObjectNode) old.get("coverage")).remove(List.of("dataDirectories", "dataFiles", "dataBytes"));
        Files.writeString(first.baselineFile(), json.writeValueAsString(old));

        PciScopeReport.Written later = PciScopeReport.write(out, scan("2025-01-02T10:00:00Z", List.of()), false, false);

        assertThat(later.baseline()).isEqualTo(PciScopeReport.Baseline.KEPT);
        assertThat(later.evidence().baseline().coverage().dataFiles()).isZero();
        assertThat(Files.readString(later.markdown())).contains("| database data directories / files / size | 0 / 0 / 0.0 MB | 2 / 1,500 / 114.4 MB |");
    }

    @Test
    void aScanWithUnscannedSourcesDoesNotBecomeTheBaseline() throws Exception {
        PciScopeScan partial = new PciScopeScan("2025-01-01T10:00:00Z", LAB.toString(), List.of(), List.of(), List.of(),
                new PciScopeScan.Coverage(1, 3, 5, 0, 0, 0, 0, 0, 0, 0, 0),
                List.of(new PciScopeScan.Unscanned(PciScopeScan.Source.KAFKA_TOPIC, "kafka (127.0.0.1:1)", "nothing listens")));

        PciScopeReport.Written written = PciScopeReport.write(out, partial, false, false);

        assertThat(written.baseline()).isEqualTo(PciScopeReport.Baseline.NONE_INCOMPLETE_SCAN);
        assertThat(written.baselineFile()).doesNotExist();
        assertThat(Files.readString(written.markdown())).contains("No baseline yet, and this scan could not read every source")
                .contains("**Not scanned now**").contains("- kafka (127.0.0.1:1): nothing listens");

        PciScopeReport.Written complete = PciScopeReport.write(out, scan("2025-01-02T10:00:00Z", List.of()), false, false);
        assertThat(complete.baseline()).isEqualTo(PciScopeReport.Baseline.CREATED);
    }

    @Test
    void everyPlaceOutsideTheVaultAndEveryUnscannedSourceKeepsTheScopeOpen() {
        PciScopeScan.Finding inVault = new PciScopeScan.Finding(PciScopeScan.Source.DATABASE, "payments-db",
                "payments.public.vault_cards.key_id", 1, 1, List.of("****1111"), List.of("token=t"), true);
        PciScopeScan withHoles = new PciScopeScan("t", LAB.toString(), List.of(MONOLITH_LOG, inVault), List.of(), List.of(),
                new PciScopeScan.Coverage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                List.of(new PciScopeScan.Unscanned(PciScopeScan.Source.KAFKA_TOPIC, "kafka (127.0.0.1:1)", "nothing listens")));

        List<String> outside = PciScopeReport.outsideScope(withHoles);

        assertThat(outside).hasSize(2);
        assertThat(outside.get(0)).startsWith("log file /tmp/some-lab/logs/legacy-monolith.log (legacy-monolith): 2 card numbers (****4242), e.g. line 7");
        assertThat(outside.get(1)).isEqualTo("not scanned: kafka (127.0.0.1:1) (nothing listens)");
    }

    @Test
    void theProcessesFollowTheEvidence() {
        List<PciScopeScan.ProcessInScope> processes = scan("t", List.of(LEGACY_COLUMN, MONOLITH_LOG)).processes();

        assertThat(processes).extracting(PciScopeScan.ProcessInScope::component)
                .containsExactly("legacy-monolith", "payment-service", "cdc-bridge", "legacy-db", "payments-db");
        assertThat(processes.get(0).evidence()).containsExactly(
                "reads and writes shop.public.payments, which holds card numbers",
                "wrote 2 card numbers to logs/legacy-monolith.log");
        assertThat(processes.get(2).byDesign()).isFalse();
        assertThat(processes.get(2).evidence()).first().isEqualTo("reads shop.public.payments, which holds card numbers");
        assertThat(processes.get(4).byDesign()).isTrue();
    }
}
