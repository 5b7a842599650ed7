package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.JvmCommand;
import dev.strangler.lab.process.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two proxy replicas in processes of their own, as behind a load balancer, sharing the route table through Kafka.
 * One is killed with -9: the other serves every request; a route moved while the first is down reaches it when it
 * starts again (the compacted topic, not its own file, has the last word).
 */
class ReplicaKilledIT {

    static final Backends backends = new Backends();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void backends() {
        backends.start();
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    /** A replica: its ports, its process. */
    private final class Replica implements AutoCloseable {
        final String name;
        final int port = Ports.freePort();
        final int admin = Ports.freePort();
        final List<String> args;
        final Path log;
        Process process;

        Replica(String name, Path dir, Path token, String topic) {
            this.name = name;
            this.log = dir.resolve(name + ".log");
            this.args = List.of("--proxy.port=" + port, "--server.port=" + admin,
                    "--proxy.legacy-upstream=" + backends.legacyUrl(),
                    "--proxy.upstreams.payment-service=" + backends.extractedUrl(),
                    "--proxy.extractions=" + Path.of("..", "extractions").toAbsolutePath(),
                    "--proxy.routes.file=" + dir.resolve(name).resolve("routes.json"),
                    "--proxy.admin.token-file=" + token,
                    "--strangler.kafka.bootstrap-servers=" + TestLab.kafka().bootstrapServers(),
                    "--proxy.kafka.topic=" + topic, "--proxy.replica-id=" + name);
        }

        Replica start() {
            Path jar = Path.of("target", "strangler-proxy.jar").toAbsolutePath();
            process = JvmCommand.jar(JvmCommand.markerFor("test-replica-" + name),
                    List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), jar, args,
                    Path.of("target").toAbsolutePath()).start(log, false);
            await(name + " ready").atMost(Duration.ofSeconds(90)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " stopped: see " + log);
                }
                return status(URI.create("http://127.0.0.1:" + admin + "/actuator/health/readiness")) == 200;
            });
            return this;
        }

        void kill() {
            process.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }

        URI proxy(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        long version(String token) throws Exception {
            HttpResponse<String> table = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/admin/routes"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(table.body()).path("version").asLong();
        }

        @Override
        public void close() {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theOtherServesAndARouteMovedMeanwhileReachesTheReplicaStartedAgain(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("admin.token");
        Files.createFile(token, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(token, "replica-drill-" + UUID.randomUUID());
        String bearer = Files.readString(token).trim();
        String topic = "routes-drill-" + UUID.randomUUID();
        try (Replica one = new Replica("one", dir, token, topic).start();
             Replica two = new Replica("two", dir, token, topic).start()) {
            assertThat(move(one, bearer, "SHADOW", "both replicas connected")).isEqualTo(200);
            long shadow = one.version(bearer);
            await().atMost(Duration.ofSeconds(30)).until(() -> two.version(bearer) == shadow);

            two.kill();
            List<Integer> served = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                served.add(status(one.proxy("/api/payments/" + i)));
            }
            assertThat(served).as("the replica left serves every request").containsOnly(200);
            assertThat(move(one, bearer, "EXTRACTED", "cut over while replica two is down")).isEqualTo(200);

            two.start();
            await("the restarted replica serves the move made while it was down").atMost(Duration.ofSeconds(30))
                    .until(() -> "extracted".equals(upstream(two.proxy("/api/payments/1"))));
            assertThat(two.version(bearer)).isEqualTo(one.version(bearer));
        }
    }

    private int move(Replica replica, String bearer, String stage, String reason) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.admin
                        + "/admin/routes/payments-read/stage"))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"" + stage + "\",\"reason\":\"" + reason
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String upstream(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("X-Strangler-Upstream").orElse("");
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
