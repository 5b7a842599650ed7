package dev.strangler.decommissioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.process.Processes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A packaged Spring Boot app of the build as a child JVM on a free port, with a tiny JSON client. */
final class ChildApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final String baseUrl;

    private ChildApp(Process process, int port) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** An answer: status and body. */
    record Reply(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static ChildApp start(String name, Path jar, List<String> args) {
        return start(name, Ports.freePort(), jar, args);
    }

    /** On a port chosen beforehand: two apps that call each other need each other's address at start. */
    static ChildApp start(String name, int port, Path jar, List<String> args) {
        assertThat(jar).as("package it first: ./mvnw -DskipTests install").isRegularFile();
        List<String> all = new ArrayList<>(args);
        all.add(0, "--server.port=" + port);
        all.add(1, "--spring.profiles.active=lab");
        Path log = Path.of("target", "test-logs", name + "-" + port + ".log");
        Process process = JvmCommand.jar(JvmCommand.markerFor("test-" + name),
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar.toAbsolutePath(), all,
                        Path.of("").toAbsolutePath())
                .start(log, false);
        ChildApp app = new ChildApp(process, port);
        await(name + " readiness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as(name + " exited; see " + log).isTrue();
                    try {
                        return app.get("/actuator/health/readiness").status() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        return app;
    }

    String baseUrl() {
        return baseUrl;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** kill -9: no shutdown hook, no graceful close, as a crash. */
    void kill() {
        process.destroyForcibly();
        await("killed").atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive());
    }

    @Override
    public void close() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(20));
    }
}
