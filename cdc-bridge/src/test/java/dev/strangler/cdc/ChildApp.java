package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.web.client.RestClient;

/**
 * A packaged Spring Boot app of this repository (the monolith, the payment service, the bridge itself) as a child
 * JVM, so that tests run the real thing and can kill it with -9.
 */
final class ChildApp implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final List<String> args;
    private final int port;
    private final Path log;
    private Process process;

    ChildApp(String name, Path jar, List<String> args) {
        this(name, jar, args, Ports.freePort());
    }

    ChildApp(String name, Path jar, List<String> args, int port) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.args = new ArrayList<>(args);
        this.args.add(0, "--server.port=" + port);
        this.args.add(1, "--spring.profiles.active=lab");
        this.log = Path.of("target", "test-logs", name + "-" + port + ".log").toAbsolutePath();
    }

    /** A sibling module's packaged jar, e.g. {@code ("legacy-monolith", "legacy-monolith.jar")}. */
    static Path moduleJar(String moduleDirectory, String jarName) {
        Path jar = Path.of("..").resolve(moduleDirectory).resolve("target").resolve(jarName).toAbsolutePath()
                .normalize();
        assertThat(jar).as("package " + moduleDirectory + " first (./mvnw package)").isRegularFile();
        return jar;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    RestClient http() {
        return RestClient.builder().baseUrl(baseUrl()).defaultStatusHandler(s -> true, (req, res) -> { }).build();
    }

    ChildApp start() {
        process = JvmCommand.jar(JvmCommand.markerFor("test-" + name),
                        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar, args,
                        Path.of("").toAbsolutePath())
                .start(log, false);
        await(name + " readiness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    assertThat(process.isAlive()).as(name + " exited; see " + log).isTrue();
                    try {
                        return http().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity()
                                .getStatusCode().value() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    String logText() throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
