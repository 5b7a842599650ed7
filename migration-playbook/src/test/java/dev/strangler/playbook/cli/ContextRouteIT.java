package dev.strangler.playbook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code route list} and {@code route set} through the packaged CLI ({@code target/strangler.jar}, a separate process
 * as {@code ./strangler} runs it) against a real strangler-proxy: its executable jar started on free ports that are
 * not the lab's, Kafka sharing off, its token in a file of its own, and a contexts file pointing at it. The CLI's lab
 * directory is an empty one of this test's, which must stay empty: nothing of the lab is read or started.
 */
class ContextRouteIT {

    private static final Path DIR = Path.of("target", "it-context").toAbsolutePath();
    private static final Path LAB = DIR.resolve("lab");
    private static final Path TOKEN = DIR.resolve("proxy.token");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process proxy;
    private static URI admin;

    private record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void startAProxyOutsideTheLab() throws Exception {
        FileTrees.deleteRecursively(DIR);
        Files.createDirectories(LAB);
        Path jar = Path.of("..", "strangler-proxy", "target", "strangler-proxy.jar").toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            jar = Path.of(System.getProperty("user.home"),
                    ".m2/repository/dev/strangler/strangler-proxy/0.1.0-SNAPSHOT/strangler-proxy-0.1.0-SNAPSHOT.jar");
        }
        assertThat(jar).as("build strangler-proxy first (./mvnw -pl strangler-proxy package)").isRegularFile();
        int adminPort = Ports.freePort();
        int nowhere = Ports.freePort(); // nothing listens there: no request of this test goes past the proxy
        Path log = DIR.resolve("proxy.log");
        proxy = JvmCommand.jar(JvmCommand.markerFor("context-it-proxy"), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                jar, List.of("--server.port=" + adminPort, "--proxy.port=" + Ports.freePort(), "--proxy.event-loops=1",
                        "--proxy.kafka.enabled=false", "--proxy.routes.file=" + DIR.resolve("routes.json"),
                        "--proxy.admin.token-file=" + TOKEN,
                        "--proxy.extractions=" + Path.of("..", "extractions").toAbsolutePath().normalize(),
                        "--proxy.legacy-upstream=http://127.0.0.1:" + nowhere,
                        "--proxy.upstreams.payment-service=http://127.0.0.1:" + nowhere,
                        "--proxy.upstreams.customer-service=http://127.0.0.1:" + nowhere,
                        "--proxy.dashboard.cdc-status-url=http://127.0.0.1:" + nowhere + "/cdc/status"),
                DIR).start(log, false);
        admin = URI.create("http://127.0.0.1:" + adminPort);
        await("the proxy's readiness").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(proxy.isAlive()).as("the proxy exited; see " + log).isTrue();
            try {
                return HTTP.send(HttpRequest.newBuilder(admin.resolve("/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && Files.exists(TOKEN);
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopTheProxy() throws InterruptedException {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(30, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
    }

    /** The packaged CLI with this test's home, lab directory and environment: no contexts file of the machine's. */
    private static Result strangler(Map<String, String> environment, String... args) throws Exception {
        Path output = Files.createTempFile(DIR, "cli", ".out");
        List<String> command = new ArrayList<>(List.of(JvmCommand.currentJava().toString(),
                "-Dstrangler.home=" + Path.of("..").toAbsolutePath().normalize(),
                "-Duser.home=" + DIR.resolve("home"), "-jar", Path.of("target/strangler.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("STRANGLER_CONTEXT");
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().put("STRANGLER_LAB_DIR", LAB.toString());
        builder.environment().put("STRANGLER_PORT_OFFSET", "39000"); // were a command to reach for a lab: none there
        builder.environment().putAll(environment);
        Process cli = builder.start();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).as("strangler " + String.join(" ", args)).isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(cli.exitValue(), text);
    }

    private static Path contextsFile(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                contexts:
                  staging:
                    proxy-admin:
                      url: %s
                      %s
                """.formatted(admin, token));
        return file;
    }

    private static JsonNode route(String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(admin.resolve("/admin/routes/" + id))
                .header("Authorization", "Bearer " + Files.readString(TOKEN).trim()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void routeListAndRouteSetReachTheProxyTheContextNames() throws Exception {
        Path file = contextsFile(DIR.resolve("explicit/contexts.yaml"), "token-file: " + TOKEN);

        Result list = strangler(Map.of(), "--context-file", file.toString(), "--context", "staging", "route", "list");
        Result set = strangler(Map.of(), "route", "set", "payments-read", "SHADOW", "--reason", "compare on staging",
                "--context-file", file.toString(), "--context", "staging");
        Result after = strangler(Map.of(), "--context-file", file.toString(), "route", "list", "--context", "staging");

        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("route table version \\d+ \\(context staging\\)")
                .containsPattern("payments-read\\s+/api/payments/\\*\\*\\s+LEGACY");
        assertThat(set.exitCode()).as(set.output()).isZero();
        assertThat(set.output()).containsPattern("payments-read is now SHADOW \\(route version \\d+\\) \\(context"
                + " staging\\)");
        assertThat(route("payments-read").path("stage").asText()).isEqualTo("SHADOW");
        assertThat(after.output()).containsPattern("payments-read\\s+/api/payments/\\*\\*\\s+SHADOW.*compare on staging");
        assertThat(LAB).isEmptyDirectory();
    }

    @Test
    void theDefaultFileUnderXdgConfigHomeAndStranglerContextChooseTheProxyWithATokenFromTheEnvironment()
            throws Exception {
        Path config = DIR.resolve("xdg");
        contextsFile(config.resolve("strangler/contexts.yaml"), "token-env: CONTEXT_IT_TOKEN");
        Map<String, String> environment = Map.of("XDG_CONFIG_HOME", config.toString(), "STRANGLER_CONTEXT", "staging",
                "CONTEXT_IT_TOKEN", Files.readString(TOKEN).trim());

        Result canary = strangler(environment, "route", "set", "payments-write", "CANARY", "--percent", "5",
                "--reason", "first callers on staging");
        Result shown = strangler(environment, "context", "show");
        Result wrongToken = strangler(Map.of("XDG_CONFIG_HOME", config.toString(), "STRANGLER_CONTEXT", "staging",
                "CONTEXT_IT_TOKEN", "not-the-token"), "route", "list");

        assertThat(canary.exitCode()).as(canary.output()).isZero();
        assertThat(canary.output()).contains("payments-write is now CANARY 5%");
        JsonNode route = route("payments-write");
        assertThat(route.path("stage").asText()).isEqualTo("CANARY");
        assertThat(route.path("percent").asInt()).isEqualTo(5);
        assertThat(shown.output()).contains("context: staging", "chosen by: STRANGLER_CONTEXT=staging",
                "token: <from environment variable CONTEXT_IT_TOKEN>").doesNotContain(Files.readString(TOKEN).trim());
        assertThat(wrongToken.exitCode()).isEqualTo(1);
        assertThat(wrongToken.output()).startsWith("error: proxy answered 401");
        assertThat(LAB).isEmptyDirectory();
    }

    @Test
    void theLabsCommandsThatStartStopSeedOrDriveItRefuseTheContextAndTouchNothing() throws Exception {
        Path file = contextsFile(DIR.resolve("refusals/contexts.yaml"), "token-file: " + TOKEN);

        for (String[] command : List.of(new String[] {"up"}, new String[] {"down"},
                new String[] {"seed", "--orders", "10"}, new String[] {"chaos", "kill", "payment-service"},
                new String[] {"chaos", "errors", "payments-read", "100"},
                new String[] {"playbook", "run", "payments", "--under-load", "10"},
                new String[] {"playbook", "rollback", "payments"})) {
            List<String> args = new ArrayList<>(List.of("--context-file", file.toString(), "--context", "staging"));
            args.addAll(List.of(command));
            Result refused = strangler(Map.of(), args.toArray(String[]::new));
            String name = String.join(" ", List.of(command).subList(0, command[0].equals("up")
                    || command[0].equals("down") || command[0].equals("seed") ? 1 : 2));
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).as(name).startsWith("error: `strangler " + name + "` only runs in the lab,"
                    + " and the context is 'staging' (chosen by --context staging).");
        }
        assertThat(route("payments-read").path("faults").path("errorPercent").asInt()).isZero();
        assertThat(LAB).isEmptyDirectory();
    }
}
