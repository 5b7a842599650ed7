package dev.strangler.playbook.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with a contexts file, in-process: listing and showing contexts (never a secret), a bad file or an
 * unknown context as usage errors, reconcile and pci-scope against what a context names, and the lab's own commands
 * refusing another context with what to do instead. Commands that would start, stop or seed a lab if they did not
 * refuse are checked as a separate process, in a lab directory of their own ({@code ContextRouteIT}).
 */
class ContextCommandTests {

    private static final Path EXTRACTIONS = Path.of("..", "extractions").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(Path contexts, String... args) {
        List<String> line = new ArrayList<>(List.of("--context-file", contexts.toString()));
        line.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StranglerCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(line.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Path contexts(String yaml) throws IOException {
        Path file = dir.resolve("contexts.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private Path staging(String extra) throws IOException {
        Files.writeString(dir.resolve("staging.token"), "t0ken-that-must-never-be-printed\n");
        return contexts("""
                current-context: staging
                contexts:
                  staging:
                    proxy-admin: {url: 'http://127.0.0.1:1', token-file: staging.token}
                    extractions: %s
                %s
                  prod:
                    shop: 'https://shop.example'
                """.formatted(EXTRACTIONS, extra.indent(4).stripTrailing()));
    }

    @Test
    void listsTheContextsAndMarksTheOneCommandsUseNow() throws IOException {
        Path file = staging("");

        Run current = run(file, "context", "list");
        Run chosen = run(file, "--context", "lab", "context", "list");

        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(current.out()).containsPattern("\\n\\s+lab\\s+built in: the lab on this machine")
                .containsPattern("\\n\\*\\s+staging\\s+" + java.util.regex.Pattern.quote(file.toString()))
                .containsPattern("\\n\\s+prod\\s+");
        assertThat(chosen.out()).containsPattern("\\n\\*\\s+lab\\s+built in");
    }

    @Test
    void showsAContextWithWhereItsTokenIsKeptNeverTheToken() throws IOException {
        Path file = staging("");

        Run shown = run(file, "context", "show");
        Run prod = run(file, "context", "show", "prod");

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("context: staging", "defined in: " + file,
                        "chosen by: current-context of " + file, "url: http://127.0.0.1:1",
                        "token: <from file " + dir.resolve("staging.token") + ">", "extractions: " + EXTRACTIONS,
                        "cdc-bridge: (not set: reconcile needs it)")
                .doesNotContain("t0ken-that-must-never-be-printed");
        assertThat(prod.out()).contains("context: prod", "shop: https://shop.example",
                "proxy-admin: (not set: route needs it)").doesNotContain("chosen by");
    }

    @Test
    void aBadContextsFileIsAUsageErrorOfEveryCommandThatTakesAContext() throws IOException {
        Path file = contexts("contexts: {staging: {proxy-admn: {url: 'https://p.example'}}}");
        String problem = "error: " + file + ": context 'staging': proxy-admn: unknown key";

        for (String[] command : List.of(new String[] {"route", "list"}, new String[] {"reconcile", "payments"},
                new String[] {"traffic", "--rps", "1", "--duration", "1s"}, new String[] {"pci-scope"},
                new String[] {"context", "list"})) {
            Run run = run(file, command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", command)).startsWith(problem);
        }
    }

    @Test
    void aContextThatDoesNotExistIsAUsageErrorNamingTheOnesThatDo() throws IOException {
        Path file = staging("");

        Run run = run(file, "--context", "staing", "route", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: no context 'staing' in " + file + "; there are lab, staging, prod"
                + System.lineSeparator());
    }

    @Test
    void aCommandRefusesAContextThatLacksWhatItNeeds() throws IOException {
        Path file = staging("");

        Run reconcile = run(file, "reconcile", "payments");
        Run route = run(file, "--context", "prod", "route", "list");

        assertThat(reconcile.exitCode()).isEqualTo(2);
        assertThat(reconcile.err()).startsWith("error: context 'staging' in " + file + " has no cdc-bridge, which"
                + " `strangler reconcile` needs");
        assertThat(route.exitCode()).isEqualTo(2);
        assertThat(route.err()).startsWith("error: context 'prod' in " + file + " has no proxy-admin, which"
                + " `strangler route` needs");
    }

    @Test
    void theLabsOwnCommandsRefuseAnotherContextAndSayWhatToDoInstead() throws IOException {
        Path file = staging("");

        // read-only ones only: up, down, seed and chaos kill are checked as a process in a lab of their own
        for (String[] command : List.of(new String[] {"status"}, new String[] {"logs", "kafka"},
                new String[] {"chaos", "log"}, new String[] {"playbook", "status", "payments"})) {
            Run run = run(file, command);
            String name = String.join(" ", command).replace(" payments", "").replace(" kafka", "");
            assertThat(run.exitCode()).as(name).isEqualTo(2);
            assertThat(run.err()).as(name)
                    .startsWith("error: `strangler " + name + "` only runs in the lab, and the context is 'staging'"
                            + " (chosen by current-context of " + file + ").")
                    .contains("To run it in the lab: strangler --context lab " + name + " ...");
        }
    }

    @Test
    void playbookRunOutsideTheLabRefusesWithTheStepsToDoByHandAgainstTheContext() throws IOException {
        Path file = staging("");

        Run run = run(file, "playbook", "run", "payments", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("error: `strangler playbook run` only runs in the lab, and the context is 'staging'")
                .contains("the decommission step rebuilds and redeploys the monolith")
                .contains("1. analyse: strangler analyse payments")
                .contains("3. data-in-sync: strangler --context staging reconcile payments (0 mismatches)")
                .contains("4. shadow: strangler --context staging route set ROUTE SHADOW --reason \"...\" for each of"
                        + " payments-read, payments-write")
                .contains("P = 5, then 25, then 50, then 100")
                .contains("7. decommission: switch the monolith's seam (row payments.mode = remote in shop_settings")
                .contains("deploy the monolith built without the payments code (./mvnw -pl"
                        + " legacy-monolith-decommissioned package) with your deployment tooling")
                .contains("strangler --context staging pci-scope --expect-extracted")
                .contains("To run it in the lab: strangler --context lab playbook run ...");
    }

    @Test
    void reconcileAsksTheBridgeOfTheContextForEveryTablePairOfItsExtractions() throws IOException {
        WireMockServer bridge = new WireMockServer(wireMockConfig().dynamicPort());
        bridge.start();
        try {
            bridge.stubFor(post(urlPathEqualTo("/bridge/reconcile/payments")).willReturn(okJson("""
                    {"legacyRows": 120, "serviceRows": 119, "chunks": 2, "tookMillis": 7, "missingCount": 1,
                     "missingInService": [42], "extraCount": 0, "extraInService": [], "differingCount": 0,
                     "differing": []}""")));
            Path file = staging("cdc-bridge: 'http://127.0.0.1:" + bridge.port() + "/bridge/'");

            Run run = run(file, "reconcile", "payments", "--settle", "3");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).contains("payments: reconciled 120 legacy and 119 service rows in 2 chunks",
                    "missing in the service", "ids: 42", "see the CDC bridge's log");
            bridge.verify(1, postRequestedFor(urlPathEqualTo("/bridge/reconcile/payments")));
            assertThat(bridge.getAllServeEvents().getFirst().getRequest().getUrl())
                    .isEqualTo("/bridge/reconcile/payments?settle=3s");
        } finally {
            bridge.stop();
        }
    }

    @Test
    void reconcileRefusesAnExtractionsDirectoryThatIsNotThere() throws IOException {
        Path file = contexts("contexts: {staging: {cdc-bridge: 'http://127.0.0.1:1', extractions: nowhere}}");

        Run run = run(file, "--context", "staging", "reconcile", "payments");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: context 'staging' in " + file + ": extractions: no directory "
                + dir.resolve("nowhere") + System.lineSeparator());
    }

    @Test
    void pciScopeReadsWhatTheContextNamesAndPassesItsKafkaClientSettingsToTheClients() throws IOException {
        Files.writeString(dir.resolve("kafka.properties"), "security.protocol=NOT_A_PROTOCOL\n");
        Files.writeString(dir.resolve("shop.password"), "pw\n");
        try (ServerSocket broker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = staging("""
                    databases:
                      shop: {jdbc-url: 'jdbc:postgresql://127.0.0.1:1/shop?connectTimeout=2', user: reader,
                             password-file: shop.password}
                      payments: {jdbc-url: 'jdbc:postgresql://127.0.0.1:1/payments?connectTimeout=2'}
                    kafka: {bootstrap-servers: '127.0.0.1:%d', client-properties: kafka.properties}
                    """.formatted(broker.getLocalPort()));

            Run run = run(file, "pci-scope", "--out", dir.resolve("reports").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("Scanning context 'staging' in " + file + " for card numbers",
                            "not named by the context, so not scanned: log files (logs), legacy-db's files"
                                    + " (databases.shop.data-directory), payments-db's files"
                                    + " (databases.payments.data-directory)",
                            "legacy-db: NOT SCANNED", "payments-db: NOT SCANNED")
                    // the setting reached the Kafka client, which refused it: it was not left out
                    .contains("kafka: NOT SCANNED (Invalid value NOT_A_PROTOCOL for configuration security.protocol");
            assertThat(run.err()).contains("error: nothing could be scanned: can this machine reach what context"
                    + " 'staging' in " + file + " names? No report written.");
        }
    }

    @Test
    void pciScopeRefusesAPasswordFileItCannotRead() throws IOException {
        Path file = staging("""
                databases:
                  shop: {jdbc-url: 'jdbc:postgresql://127.0.0.1:1/shop', password-file: missing.password}
                  payments: {jdbc-url: 'jdbc:postgresql://127.0.0.1:1/payments'}
                kafka: {bootstrap-servers: '127.0.0.1:1'}
                """);

        Run run = run(file, "pci-scope", "--out", dir.resolve("reports").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: context 'staging' in " + file + ": databases.shop.password-file:"
                + " cannot read " + dir.resolve("missing.password"));
    }
}
