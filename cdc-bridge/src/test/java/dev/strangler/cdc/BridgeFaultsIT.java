package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.LabPaths;
import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.postgres.PostgresServer;
import dev.strangler.lab.postgres.PostgresSettings;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bridge through a Kafka broker restart and its target database going away for 30 seconds. */
class BridgeFaultsIT {

    private static final int PAYMENTS = 300;

    @Test
    void carriesOnAfterTheKafkaBrokerRestarts() {
        Path kafkaData = Path.of("target", "test-lab-faults", "kafka").toAbsolutePath();
        FileTrees.deleteRecursively(kafkaData);
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        KafkaBroker broker = KafkaBroker.start(kafkaData, port, controllerPort);
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), PAYMENTS);
        Db service = Schemas.service(TestLab.paymentsPostgres());
        try (BridgeInstance bridge = new BridgeInstance("kafkarestart", legacy, service,
                ShopApps.shared().paymentService.baseUrl(),
                "bridge.kafka.bootstrap-servers=" + broker.bootstrapServers())) {
            bridge.start();
            bridge.awaitBackfill();

            broker.close();
            legacy.update("update payments set psp_reference = 'while-kafka-was-down-' || id, updated_at = now()");
            broker = KafkaBroker.start(kafkaData, port, controllerPort);

            await().atMost(Duration.ofSeconds(120)).until(() -> service.count("select count(*) from payments"
                    + " where psp_reference = 'while-kafka-was-down-' || id") == PAYMENTS);
            JsonNode report = bridge.reconcile("10s");
            assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
        } finally {
            broker.close();
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
            assertThat(bridge.status().path("directions").path("legacy-to-service").path("apply").path("retries")
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
}
