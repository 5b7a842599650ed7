package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.process.Ports;
import dev.strangler.proxy.route.Stage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas share the route table through the real Kafka broker of the test lab, and start without it. */
class ReplicasIT {

    static final Backends backends = new Backends();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void backends() {
        backends.start();
    }

    @AfterAll
    static void stop() {
        backends.close();
    }

    Map<String, String> upstreams(String kafka, String topic, String replica) {
        return Map.of("proxy.legacy-upstream", backends.legacyUrl(),
                "proxy.upstreams.payment-service", backends.extractedUrl(),
                "strangler.kafka.bootstrap-servers", kafka, "proxy.kafka.topic", topic, "proxy.replica-id", replica);
    }

    @Test
    void aChangeMadeOnOneReplicaIsServedByTheOther(@TempDir Path a, @TempDir Path b) throws Exception {
        String kafka = TestLab.kafka().bootstrapServers();
        try (ProxyReplica one = ProxyReplica.start(a, upstreams(kafka, "routes-converge", "one"));
             ProxyReplica two = ProxyReplica.start(b, upstreams(kafka, "routes-converge", "two"))) {
            // both connected: a first change travels one -> two
            one.routes().changeStage("legacy", Stage.LEGACY, 0, null, "test", "warm up the topic");
            long warm = one.routes().current().version();
            await().atMost(Duration.ofSeconds(30)).until(() -> two.routes().current().version() == warm);

            String token = Files.readString(a.resolve("token")).trim();
            long t0 = System.nanoTime();
            HttpResponse<String> changed = http.send(HttpRequest.newBuilder(one.admin("/admin/routes/payments-read/stage"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stage\":\"EXTRACTED\",\"reason\":\"cut over reads\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                    http.send(HttpRequest.newBuilder(two.proxy("/api/payments/1")).build(), HttpResponse.BodyHandlers.ofString())
                            .headers().firstValue("X-Strangler-Upstream").orElse("").equals("extracted"));
            System.out.printf("replica two served the change %d ms after the admin call on replica one%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertThat(two.routes().current().document()).isEqualTo(one.routes().current().document());
            assertThat(two.routes().audit(5)).anyMatch(e -> e.who().equals("replica:one") && e.why().equals("cut over reads"));
        }
    }

    @Test
    void startsAndServesFromItsFileWhenKafkaIsUnreachable(@TempDir Path dir) throws Exception {
        String nowhere = "127.0.0.1:" + Ports.freePort();
        try (ProxyReplica alone = ProxyReplica.start(dir, upstreams(nowhere, "routes-alone", "alone"))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(alone.proxy("/api/orders/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(alone.routes().changeStage("payments-read", Stage.SHADOW, 0, null, "test", "works offline").stage())
                    .isEqualTo(Stage.SHADOW);
            assertThat(Files.readString(dir.resolve("routes.json"))).contains("works offline");
        }
    }

    @Test
    void generatesAnOwnerOnlyAdminTokenWhenThereIsNone(@TempDir Path dir) throws Exception {
        try (ProxyReplica replica = ProxyReplica.start(dir, Map.of("proxy.kafka.enabled", "false"))) {
            Path token = dir.resolve("token");
            assertThat(Files.getPosixFilePermissions(token))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(token).trim()).hasSize(64);
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(replica.admin("/admin/routes"))
                    .header("Authorization", "Bearer " + Files.readString(token).trim()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Set.of(ok.body())).allMatch(b -> b.contains("payments-read"));
        }
    }
}
