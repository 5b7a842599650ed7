package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.cli.AnalyseCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code strangler analyse} run as a user runs it, on the real monolith, checked by the files it writes. */
class AnalyseCommandTests {

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int analyse(String... args) {
        CommandLine cli = new CommandLine(new AnalyseCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }

    @Test
    void writesBothReportsAndAHistoryEntry() throws IOException {
        int exit = analyse("--classes", MonolithBuild.classes().toString(), "--out", out.toString(),
                "--store", MonolithBuild.STORE.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("analysis.json").toFile());
        assertThat(json.path("source").asText()).isEqualTo(MonolithBuild.classes().toString());
        assertThat(json.path("paymentTables")).extracting(JsonNode::asText)
                .containsExactly("payments", "payment_events", "checkout_sagas");
        assertThat(json.path("tangles")).extracting(t -> t.path("kind").asText())
                .contains("READS_PAYMENT_TABLES", "WRITES_PAYMENT_TABLES", "PAYMENT_CALL_IN_TRANSACTION",
                        "QUERIES_PAYMENTS_WITH_OTHER_TABLES", "CARD_NUMBERS_OUTSIDE_PAYMENTS",
                        "PAYMENTS_USES_OTHER_TABLES");
        int violations = json.path("rule").path("violations").asInt();
        assertThat(violations).isPositive().isEqualTo(json.path("rule").path("frozen").asInt());

        String md = Files.readString(out.resolve("analysis.md"));
        assertThat(md).contains("```mermaid", "## Who reads and writes the payment tables",
                "## Packages that depend on payments", "## Card data", "## Tangles", "## Coupling score",
                "## Burndown: only the payments package touches payment tables");

        assertThat(new ObjectMapper().readTree(out.resolve("analysis-history.json").toFile())).hasSize(1);
        assertThat(stdout.toString()).contains("violations of \"only the payments package touches payment tables\": "
                + violations, "Wrote " + out.resolve("analysis.md"));
    }

    @Test
    void aSecondRunReportsTheChangeSinceThePreviousOne() throws IOException {
        String[] args = {"--classes", MonolithBuild.jar().toString(), "--out", out.toString(),
            "--store", MonolithBuild.STORE.toString()};
        assertThat(analyse(args)).isZero();
        assertThat(analyse(args)).isZero();

        assertThat(new ObjectMapper().readTree(out.resolve("analysis-history.json").toFile())).hasSize(2);
        assertThat(stdout.toString()).contains("since the previous run", "violations +0, coupling score +0");
        assertThat(Files.readString(out.resolve("analysis.md"))).contains("### History (2 runs)");
    }

    @Test
    void failsWithoutWritingAnythingWhenThereAreNoClasses() {
        int exit = analyse("--classes", out.resolve("nothing-here").toString(), "--out", out.resolve("r").toString());

        assertThat(exit).isNotZero();
        assertThat(stderr.toString()).contains("build the monolith first");
        assertThat(out.resolve("r")).doesNotExist();
    }
}
