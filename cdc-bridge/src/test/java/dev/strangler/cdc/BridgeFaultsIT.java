package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bridge through its Kafka broker going away (health says so within seconds) and coming back, and its target
 * database going away for 30 seconds.
 */
class BridgeFaultsIT {

    private static final int PAYMENTS = 300;

    /**
     * While the broker is gone the appliers receive nothing, so their own lag says 0: the health must come from the
     * source side (the capture's unacknowledged changes, the slot's unconfirmed WAL) and from a probe of the broker.
     * Before, a broker killed for 58 s left {@code /cdc/status} and readiness healthy with lag 0 while 148 payments
     * waited. The broker is this test's own: stopping the shared one would break the other tests.
     */
    @Test
    void reportsKafkaGoneWithinSecondsAndCarriesOnWhenItIsBack() {
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        try (RestartableKafka broker = new RestartableKafka("test-lab-faults");
             BridgeInstance bridge = new BridgeInstance("kafkarestart", legacy, service,
                     ShopApps.shared().paymentService.baseUrl(),
                     "strangler.kafka.bootstrap-servers=" + broker.bootstrapServers())) {
            bridge.start();
            bridge.awaitBackfill();
            await("healthy before the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> bridge.status().path("healthy").asBoolean() && readiness(bridge) == 200);

            broker.stop();
            legacy.update("update payments set psp_reference = 'while-kafka-was-down-' || id, updated_at = now()");

            await("kafka named unreachable").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonNode status = bridge.status();
                assertThat(status.path("healthy").asBoolean()).as(status.toString()).isFalse();
                assertThat(status.path("problems").toString()).contains("kafka unreachable since");
                assertThat(status.path("kafka").path("reachable").asBoolean()).isFalse();
            });
            assertThat(readiness(bridge)).as("readiness while Kafka is gone").isEqualTo(503);
            AtomicLong lag = new AtomicLong();
            await("the lag grows").atMost(Duration.ofSeconds(30)).until(() -> {
                lag.set(forwardLagMs(bridge));
                return lag.get() > 5_000;
            });
            await("the lag keeps growing").atMost(Duration.ofSeconds(10)).until(() -> forwardLagMs(bridge)
                    > lag.get() + 1_000);

            broker.startAgain();

            await("the changes arrive").atMost(Duration.ofSeconds(120)).until(() -> service.count(
                    "select count(*) from payments where psp_reference = 'while-kafka-was-down-' || id") == PAYMENTS);
            await("healthy again").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode status = bridge.status();
                assertThat(status.path("healthy").asBoolean()).as(status.toString()).isTrue();
                assertThat(readiness(bridge)).isEqualTo(200);
                assertThat(forwardLagMs(bridge)).as(status.toString()).isLessThan(5_000);
            });
            JsonNode report = bridge.reconcile("10s");
            assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
        }
    }

    @Test
    void waitsOutItsTargetDatabaseBeingDownForThirtySeconds() {
        Path data = Path.of("target", "test-lab-faults", "target-pg").toAbsolutePath();
        FileTrees.deleteRecursively(data);
        PostgresSettings settings = PostgresSettings.of("faults-target", Ports.freePort(), data,
                LabPaths.postgresBinaries());
        PostgresServer target = PostgresServer.start(settings, PostgresServer.Mode.ATTACHED);
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(target);
        try (BridgeInstance bridge = new BridgeInstance("targetdown", legacy, service,
                ShopApps.shared().paymentService.baseUrl(), "bridge.reverse=false",
                "bridge.health.lag-threshold=5s")) {
            bridge.start();
            bridge.awaitBackfill();

            target.close();
            Instant down = Instant.now();
            legacy.update("update payments set status = 'RFND', refunded_amount = amount, updated_at = now()");

            // health goes DOWN once the changes have waited longer than the lag threshold
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    bridge.http().get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode()
                            .value() == 503);
            assertThat(bridge.status().path("problems").toString()).contains("lag");
            assertThat(bridge.direction(bridge.status(), "legacy-to-service").path("apply").path("retries")
                    .asLong()).isPositive();
            // the outage lasts 30 seconds in all
            await().pollDelay(Duration.between(Instant.now(), down.plusSeconds(30)).abs())
                    .atMost(Duration.ofSeconds(60)).until(() -> true);

            target = PostgresServer.start(settings, PostgresServer.Mode.ATTACHED);
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    service.count("select count(*) from payments where status = 'REFUNDED'") == PAYMENTS);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    bridge.http().get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode()
                            .value() == 200);
            JsonNode report = bridge.reconcile("10s");
            assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
        } finally {
            target.close();
        }
    }

    /** The forward direction's lag as the status reports it: the largest of the applier's and the source side's. */
    private static long forwardLagMs(BridgeInstance bridge) {
        return bridge.direction(bridge.status(), "legacy-to-service").path("lagMs").asLong();
    }

    private static int readiness(BridgeInstance bridge) {
        return bridge.http().get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode()
                .value();
    }
}
