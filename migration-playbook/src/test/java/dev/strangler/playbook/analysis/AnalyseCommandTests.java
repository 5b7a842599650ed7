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

/**
 * {@code strangler analyse} run as a user runs it, on the real monolith, checked by the files it writes: without an
 * argument it analyses payments, as the workshop and the playbook expect.
 */
class AnalyseCommandTests {

    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int analyse(String... args) {
        String[] withDescriptors = new String[args.length + 2];
        withDescriptors[0] = "--extractions";
        withDescriptors[1] = MonolithBuild.EXTRACTIONS.toString();
        System.arraycopy(args, 0, withDescriptors, 2, args.length);
        CommandLine cli = new CommandLine(new AnalyseCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(withDescriptors);
    }

    @Test
    void analysesPaymentsWithoutAnArgumentAndWritesBothReportsAndAHistoryEntry() throws IOException {
        int exit = analyse("--classes", MonolithBuild.classes().toString(), "--out", out.toString(),
                "--store", MonolithBuild.STORE.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("analysis-payments.json").toFile());
        assertThat(json.path("extraction").asText()).isEqualTo("payments");
        assertThat(json.path("source").asText()).isEqualTo(MonolithBuild.classes().toString());
        assertThat(json.path("rootPackage").asText()).isEqualTo("dev.strangler.legacy");
        assertThat(json.path("tables")).extracting(JsonNode::asText).containsExactly("payments", "payment_events");
        assertThat(json.path("relatedTables")).extracting(JsonNode::asText).containsExactly("checkout_sagas");
        assertThat(json.path("cardDataSearched").asBoolean()).isTrue();
        assertThat(json.path("tangles")).extracting(t -> t.path("kind").asText())
                .contains("READS_CAPABILITY_TABLES", "WRITES_CAPABILITY_TABLES", "CAPABILITY_CALL_IN_TRANSACTION",
                        "QUERIES_CAPABILITY_WITH_OTHER_TABLES", "CARD_NUMBERS_OUTSIDE_CAPABILITY",
                        "CAPABILITY_USES_OTHER_TABLES");
        int violations = json.path("rule").path("violations").asInt();
        assertThat(violations).isPositive().isEqualTo(json.path("rule").path("frozen").asInt());

        String md = Files.readString(out.resolve("analysis-payments.md"));
        assertThat(md).contains("```mermaid", "## Who reads and writes the tables of payments",
                "## Packages that depend on payments", "## Card data", "## Tangles", "## Coupling score",
                "## Burndown: only the payments package touches payment tables");

        assertThat(new ObjectMapper().readTree(out.resolve("analysis-payments-history.json").toFile())).hasSize(1);
        assertThat(stdout.toString()).contains("for the extraction of payments",
                "violations of \"only the payments package touches payment tables\": " + violations,
                "Wrote " + out.resolve("analysis-payments.md"));
    }

    @Test
    void aSecondRunReportsTheChangeSinceThePreviousOne() throws IOException {
        String[] args = {"payments", "--classes", MonolithBuild.jar().toString(), "--out", out.toString(),
            "--store", MonolithBuild.STORE.toString()};
        assertThat(analyse(args)).isZero();
        assertThat(analyse(args)).isZero();

        assertThat(new ObjectMapper().readTree(out.resolve("analysis-payments-history.json").toFile())).hasSize(2);
        assertThat(stdout.toString()).contains("since the previous run", "violations +0, coupling score +0");
        assertThat(Files.readString(out.resolve("analysis-payments.md"))).contains("### History (2 runs)");
    }

    @Test
    void keepsEachExtractionsReportsAndHistoryApart() throws IOException {
        String classes = MonolithBuild.classes().toString();
        assertThat(analyse("payments", "--classes", classes, "--out", out.toString())).as(stderr.toString()).isZero();
        assertThat(analyse("customers", "--classes", classes, "--out", out.toString())).as(stderr.toString()).isZero();

        assertThat(out.resolve("analysis-payments.md")).exists();
        assertThat(out.resolve("analysis-customers.md")).exists();
        assertThat(new ObjectMapper().readTree(out.resolve("analysis-payments-history.json").toFile())).hasSize(1);
        assertThat(new ObjectMapper().readTree(out.resolve("analysis-customers-history.json").toFile())).hasSize(1);
        assertThat(stdout.toString()).contains("for the extraction of customers",
                "violations of \"only the customers package touches customer tables\"");
    }

    @Test
    void refusesAnUnknownExtractionAndNamesTheKnownOnes() {
        assertThat(analyse("invoices", "--classes", MonolithBuild.classes().toString(), "--out", out.toString()))
                .isNotZero();
        assertThat(stderr.toString()).contains("no extraction 'invoices'", "payments", "customers");
    }

    @Test
    void refusesAnExtractionTogetherWithPackagesAndTables() {
        assertThat(analyse("payments", "--packages", "dev.strangler.legacy.orders", "--tables", "orders", "--out",
                out.toString())).isNotZero();
        assertThat(stderr.toString()).contains("not both");
        assertThat(analyse("--packages", "dev.strangler.legacy.orders", "--out", out.toString())).isNotZero();
        assertThat(stderr.toString()).contains("--packages and --tables go together");
    }

    @Test
    void failsWithoutWritingAnythingWhenThereAreNoClasses() {
        int exit = analyse("--classes", out.resolve("nothing-here").toString(), "--out", out.resolve("r").toString());

        assertThat(exit).isNotZero();
        assertThat(stderr.toString()).contains("build them first");
        assertThat(out.resolve("r")).doesNotExist();
    }
}
