package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.analysis.AnalysisReport.RuleStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the analysis writes: JSON, Markdown with its graph, and the history that shows the burndown. */
class AnalysisOutputTests {

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{13,19}");

    private static AnalysisReport report;

    @TempDir
    Path out;

    @BeforeAll
    static void analyse() {
        report = MonolithAnalysis.analyse(MonolithBuild.classes(), MonolithBuild.scope("payments"), MonolithBuild.STORE,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void writesTheJsonReportAsTheRecordsAre() throws IOException {
        AnalysisOutput.write(report, out);

        JsonNode json = new ObjectMapper().readTree(out.resolve("analysis-payments.json").toFile());
        assertThat(json.path("extraction").asText()).isEqualTo("payments");
        assertThat(json.path("generatedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.path("rule").path("violations").asInt()).isEqualTo(report.rule().violations());
        assertThat(json.path("coupling").path("score").asInt()).isEqualTo(report.coupling().score());
        assertThat(json.path("tangles").size()).isEqualTo(report.tangles().size());
        assertThat(json.path("tableAccesses").get(0).path("modes").isArray()).isTrue();
        assertThat(json.path("tableAccesses").get(0).has("insideCapability")).isTrue();
        assertThat(new ObjectMapper().treeToValue(json, AnalysisReport.class)).isEqualTo(report);
    }

    @Test
    void writesAReadableMarkdownReportWithAMermaidGraph() throws IOException {
        AnalysisOutput.write(report, out);

        String md = Files.readString(out.resolve("analysis-payments.md"));
        assertThat(md).startsWith("# Analysis of the monolith: payments")
                .contains("```mermaid\nflowchart LR", "subgraph extract[\"payments: to extract\"]", "p_orders -->|",
                        "t_payments[(\"payments\")]", "## Tangles", "`WRITES_CAPABILITY_TABLES` in `override`",
                        "## Card data", "- no code outside the capability's packages reads or writes its tables",
                        "## Coupling score: " + report.coupling().score(), "Definition: score = inbound",
                        "Today: **" + report.rule().violations() + "** violations",
                        "| `orders.internal.SharedTableOrderPayments` | `latest` | `payments` | reads |");
        assertThat(md).contains("p_support_internal -.->|reads, writes| t_payments",
                "p_payments_internal -.->|reads, writes| t_orders");
    }

    @Test
    void writesNoCardNumber() throws IOException {
        AnalysisOutput.write(report, out);

        for (String file : List.of("analysis-payments.json", "analysis-payments.md",
                "analysis-payments-history.json")) {
            Matcher m = DIGIT_RUN.matcher(Files.readString(out.resolve(file)));
            while (m.find()) {
                assertThat(luhnValid(m.group())).as("%s holds a Luhn-valid digit run", file).isFalse();
            }
        }
    }

    @Test
    void keepsAHistorySoALaterRunShowsTheBurndown() throws IOException {
        AnalysisOutput.write(report, out);
        AnalysisReport later = withViolations(report, "2026-02-01T00:00:00Z", 60);
        AnalysisOutput.Written written = AnalysisOutput.write(later, out);

        assertThat(written.entries()).extracting(HistoryEntry::timestamp, HistoryEntry::violations)
                .containsExactly(tuple("2026-01-02T03:04:05Z", report.rule().violations()),
                        tuple("2026-02-01T00:00:00Z", 60));
        assertThat(AnalysisOutput.readHistory(out.resolve("analysis-payments-history.json")))
                .isEqualTo(written.entries());
        String md = Files.readString(out.resolve("analysis-payments.md"));
        assertThat(md).contains("### History (2 runs)", "xychart-beta",
                "line [" + report.rule().violations() + ", 60]",
                "Today: **60** violations; the freeze store records " + report.rule().frozen() + " ("
                        + (report.rule().frozen() - 60) + " fewer today");
    }

    @Test
    void refusesAHistoryItCannotRead() throws IOException {
        Files.writeString(out.resolve("analysis-payments-history.json"), "{not json");

        assertThatIllegalArgumentException().isThrownBy(() -> AnalysisOutput.write(report, out))
                .withMessageContaining("move it away");
        assertThat(out.resolve("analysis-payments.json")).doesNotExist();
    }

    private static AnalysisReport withViolations(AnalysisReport r, String at, int violations) {
        RuleStatus rule = new RuleStatus(r.rule().rule(), violations, r.rule().frozen(), r.rule().store(),
                Map.of("dev.strangler.legacy.orders.internal.SharedTableOrderPayments", violations));
        return new AnalysisReport(r.extraction(), at, r.source(), r.rootPackage(), r.packages(), r.classes(),
                r.tables(), r.relatedTables(), r.rules(), r.cardDataSearched(), r.tableAccesses(),
                r.otherTablesFromCapability(), r.inbound(), r.outbound(), r.cardData(), r.tangles(), r.coupling(), rule);
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
