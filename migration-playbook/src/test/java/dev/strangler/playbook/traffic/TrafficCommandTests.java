package dev.strangler.playbook.traffic;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.playbook.cli.StranglerCli;
import dev.strangler.playbook.cli.TrafficCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrafficCommandTests {

    private final ShopStandIn shop = new ShopStandIn();

    @TempDir
    Path dir;

    @AfterEach
    void stopShop() {
        shop.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new TrafficCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sendsTheTrafficToTheShopOfTheContextChosen() throws Exception {
        Path contexts = dir.resolve("contexts.yaml");
        java.nio.file.Files.writeString(contexts, "contexts: {staging: {shop: '" + shop.uri() + "'}}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = new CommandLine(new StranglerCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("--context-file", contexts.toString(), "traffic", "--context", "staging", "--rps", "20",
                        "--duration", "1s");

        assertThat(code).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("Sending 20 req/s to " + shop.uri(), "20 requests in");
    }

    @Test
    void printsProgressAndASummaryAndWritesTheJsonEvidence() throws Exception {
        Path json = dir.resolve("evidence/traffic.json");

        Run run = run("--target", shop.uri().toString(), "--rps", "50", "--duration", "2s", "--progress", "500ms",
                "--json", json.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("Sending 50 req/s to " + shop.uri())
                .contains("4 products, 3 customers")
                .containsPattern("\\[\\s+\\d+s\\]\\s+\\d+ sent")
                .contains("100 requests in")
                .contains("failures: none")
                .containsPattern("CHECKOUT\\s+POST /api/orders \\(with card\\)")
                .containsPattern("payments created: [1-9]\\d*, captured: \\d+, refunded: \\d+; ids ");
        JsonNode summary = new ObjectMapper().readTree(json.toFile());
        assertThat(summary.path("requests").asLong()).isEqualTo(100);
        assertThat(summary.path("failed").asLong()).isZero();
        assertThat(summary.path("latency").path("p99Millis").asDouble()).isPositive();
        assertThat(summary.path("byKind")).hasSize(RequestKind.values().length);
        assertThat(summary.path("paymentIdsCreated").size()).isPositive();
        assertThat(summary.path("complete").asBoolean()).isTrue();
        // the summary carries ids and last digits at most, never a card number
        assertThat(summary.toString()).doesNotContain("4242424242424242", "5555555555554444");
        assertThat(run.out()).doesNotContain("4242424242424242", "5555555555554444");
    }

    @Test
    void exitsOneAndNamesTheFailuresWhenRequestsFail() {
        shop.stub(post(urlPathMatching("/api/payments/\\d+/capture")).willReturn(ShopStandIn.problem(502, "/problems/psp-unavailable")));

        Run run = run("--target", shop.uri().toString(), "--rps", "50", "--duration", "3", "--declines", "0");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("failures: HTTP_5XX \\d+")
                .containsPattern("CAPTURE\\s+HTTP_5XX\\s+HTTP 502 /problems/psp-unavailable");
    }

    @Test
    void saysWhatToDoWhenTheShopDoesNotAnswer() {
        Run run = run("--target", "http://127.0.0.1:" + dev.strangler.lab.process.Ports.freePort(), "--rps", "10",
                "--duration", "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: the shop does not answer").contains("./strangler up");
    }

    @Test
    void rejectsADurationItCannotRead() {
        Run run = run("--target", shop.uri().toString(), "--rps", "10", "--duration", "soon");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--duration must look like 90s, 5m, 1h or 500ms");
    }

    @Test
    void aRampUpSendsFewerRequestsInTheSameTimeAndAnUnreadableOneIsRefused() {
        // 2 s at 50 req/s = 100 requests; ramped over the whole 2 s from 5 to 50 req/s: 55
        Run ramped = run("--target", shop.uri().toString(), "--rps", "50", "--duration", "2s", "--ramp-up", "2s");
        assertThat(ramped.exitCode()).as(ramped.out() + ramped.err()).isZero();
        assertThat(ramped.out()).contains("55 requests in");

        Run refused = run("--target", shop.uri().toString(), "--rps", "10", "--duration", "1s", "--ramp-up", "soon");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("--ramp-up must look like 90s, 5m, 1h or 500ms");
    }
}
