package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.kafka.BrokerSecurity;
import dev.strangler.lab.kafka.KafkaBroker;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.process.Ports;
import dev.strangler.lab.tls.LabCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The bridge on a Kafka cluster secured as production ones are: TLS with the broker's host checked, a SCRAM login of
 * its own, its password from a file (Spring's config tree), its topics created with the replication asked for. Every
 * Kafka client of the bridge (capture, apply, dead letters, routes, status) goes through the same settings, and the
 * broker refuses a client without them (lab-infra's KafkaBrokerIT).
 */
class SecuredKafkaIT {

    @Test
    void carriesChangesThroughASaslSslBrokerWithItsPasswordFromAFile() throws Exception {
        Path dir = Path.of("target", "test-lab-secured").toAbsolutePath();
        FileTrees.deleteRecursively(dir);
        BrokerSecurity security = BrokerSecurity.lab(dir.resolve("tls"), Map.of("cdc-bridge", "bridge-secret"));
        LabCertificates certificates = security.certificates();
        // the secret as an orchestrator mounts it: one file per setting, named after it
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("strangler.kafka.sasl.password"), "bridge-secret");
        int port = Ports.freePort();
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), 3);
        Db service = Schemas.customers(TestLab.paymentsPostgres());
        try (KafkaBroker broker = KafkaBroker.startSecured(dir.resolve("kafka"), port, Ports.freePort(), security);
             BridgeInstance bridge = new BridgeInstance("secured", "customers", legacy, service, "http://127.0.0.1:9",
                     "strangler.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                     "strangler.kafka.security-protocol=SASL_SSL",
                     "strangler.kafka.sasl.mechanism=SCRAM-SHA-512",
                     "strangler.kafka.sasl.username=cdc-bridge",
                     "spring.config.import=configtree:" + secrets + "/",
                     "strangler.kafka.ssl.truststore-location=" + certificates.truststore(),
                     "strangler.kafka.ssl.truststore-password=" + certificates.password(),
                     "strangler.kafka.topics.replication-factor=1",
                     "strangler.kafka.topics.min-insync-replicas=1")) {
            bridge.start();
            bridge.awaitBackfill();

            legacy.update("insert into customers (email, name) values ('barbara@example.test', 'Barbara Liskov')");
            await().atMost(Duration.ofSeconds(60)).until(() -> service.count(
                    "select count(*) from customers where family_name = 'Liskov'") == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> bridge.status().path("kafka").path("reachable").asBoolean());

            try (Admin admin = Admin.create(security.clientConfig(port, "cdc-bridge"))) {
                assertThat(admin.listTopics().names().get()).contains(bridge.legacyTopic(), bridge.serviceTopic(),
                        bridge.deadLetterTopic());
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, bridge.legacyTopic());
                Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
                assertThat(config.get("min.insync.replicas").source()).as("set on the topic, not the broker's default")
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            }
        }
    }
}
