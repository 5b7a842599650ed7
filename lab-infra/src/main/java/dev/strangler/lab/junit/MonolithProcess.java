package dev.strangler.lab.junit;

import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real legacy monolith ({@code legacy-monolith/target/legacy-monolith.jar}, else the installed artifact) as a
 * child JVM on the test lab's PostgreSQL and fake PSP, seeded with 20 orders: the reference the extracted services'
 * contracts run against, and the shop they ask for orders. Each module wraps it with its own HTTP helper.
 *
 * @param databaseUrl the JDBC URL of its shop database
 */
public record MonolithProcess(Process process, int port, String databaseUrl) implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    /** A monolith on a fresh shop database and a free port; {@code name} names its log and process marker. */
    public static MonolithProcess start(String name, List<String> extraArgs) {
        return start(name, Ports.freePort(), TestLab.freshDatabase(TestLab.legacyPostgres(), "shop"), extraArgs);
    }

    /**
     * On a port and database chosen by the caller: a service started first needs the monolith's address, and a second
     * monolith on the first one's database sees the same orders.
     */
    public static MonolithProcess start(String name, int port, String databaseUrl, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--spring.profiles.active=lab",
                "--spring.datasource.url=" + databaseUrl,
                "--shop.psp.base-url=" + TestLab.psp().baseUrl(),
                "--shop.psp.read-timeout=1s",
                "--shop.seed.orders-on-empty=20"));
        args.addAll(extraArgs);
        Path log = Path.of("target", "test-logs", name + "-" + port + ".log");
        Process process = JvmCommand.jar(JvmCommand.markerFor("test-" + name),
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar(), args,
                        Path.of("").toAbsolutePath())
                .start(log, false);
        MonolithProcess monolith = new MonolithProcess(process, port, databaseUrl);
        monolith.awaitReady(log);
        return monolith;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The built jar of a module two levels up ({@code extracted/<service>}), else the installed one. */
    static Path jar() {
        for (Path built : List.of(Path.of("..", "legacy-monolith", "target", "legacy-monolith.jar"),
                Path.of("..", "..", "legacy-monolith", "target", "legacy-monolith.jar"))) {
            if (Files.isRegularFile(built)) {
                return built.toAbsolutePath().normalize();
            }
        }
        Path installed = Path.of(System.getProperty("user.home"), ".m2", "repository", "dev", "strangler",
                "legacy-monolith", "0.1.0-SNAPSHOT", "legacy-monolith-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(installed)) {
            throw new IllegalStateException("build legacy-monolith first: no jar at " + installed);
        }
        return installed;
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the monolith exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the monolith", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the monolith", e);
            }
        }
        close();
        throw new IllegalStateException("the monolith was not ready within " + READY_WITHIN + "; see " + log);
    }

    @Override
    public void close() {
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
