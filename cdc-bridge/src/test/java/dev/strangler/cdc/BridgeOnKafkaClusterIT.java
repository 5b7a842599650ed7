package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.strangler.lab.junit.TestLab;
import dev.strangler.lab.kafka.BrokerSecurity;
import dev.strangler.lab.kafka.KafkaCluster;
import dev.strangler.lab.process.FileTrees;
import dev.strangler.lab.tls.LabCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bridge on a Kafka cluster as production runs one: three nodes, three copies of every topic, two of which must
 * have each write, SASL_SSL. Under a steady stream of the monolith's changes, the node leading the bridge's change
 * topic is killed with -9: every change still reaches the service exactly once (each row's version counts exactly
 * the changes made to it), nothing is dead-lettered and both sides reconcile.
 */
class BridgeOnKafkaClusterIT {

    private static final int ROWS = 100;

    @Test
    void losesAndDuplicatesNothingWhenTheBrokerLeadingItsTopicIsKilled() throws Exception {
        Path dir = Path.of("target", "test-kafka-cluster-bridge").toAbsolutePath();
        FileTrees.deleteRecursively(dir);
        BrokerSecurity security = BrokerSecurity.lab(dir.resolve("tls"), Map.of("cdc-bridge", "bridge-secret"));
        LabCertificates certificates = security.certificates();
        Db legacy = Schemas.legacy(TestLab.legacyPostgres(), 0);
        Db service = Schemas.customers(TestLab.paymentsPostgres());
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (KafkaCluster cluster = KafkaCluster.start(dir.resolve("kafka"), 3, security, Duration.ofSeconds(120));
             BridgeInstance bridge = new BridgeInstance("cluster", "customers", legacy, service, "http://127.0.0.1:9",
                     "strangler.kafka.bootstrap-servers=" + cluster.nodes().bootstrapServers(),
                     "strangler.kafka.security-protocol=SASL_SSL",
                     "strangler.kafka.sasl.mechanism=SCRAM-SHA-512",
                     "strangler.kafka.sasl.username=cdc-bridge",
                     "strangler.kafka.sasl.password=bridge-secret",
                     "strangler.kafka.ssl.truststore-location=" + certificates.truststore(),
                     "strangler.kafka.ssl.truststore-password=" + certificates.password(),
                     "strangler.kafka.topics.replication-factor=3",
                     "strangler.kafka.topics.min-insync-replicas=2")) {
            bridge.start();
            bridge.awaitBackfill();

            // the monolith's changes, every 20 ms: new customers first, then renames of random ones
            Map<Long, Integer> updates = new ConcurrentHashMap<>();
            legacy.rows("select id from customers").forEach(r -> updates.put(((Number) r.get("id")).longValue(), 0));
            AtomicInteger changes = new AtomicInteger();
            writer.scheduleWithFixedDelay(() -> {
                int n = changes.incrementAndGet();
                if (n <= ROWS) {
                    legacy.update("insert into customers (email, name) values (?, ?)", "c" + n + "@example.test",
                            "Customer " + n);
                    long id = ((Number) legacy.row("select id from customers where email = ?",
                            "c" + n + "@example.test").get("id")).longValue();
                    updates.put(id, 0);
                } else {
                    List<Long> ids = List.copyOf(updates.keySet());
                    long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    legacy.update("update customers set name = ? where id = ?", "Renamed " + n, id);
                    updates.merge(id, 1, Integer::sum);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> changes.get() >= ROWS + 50);

            int leader;
            try (Admin admin = Admin.create(cluster.clientConfig("cdc-bridge"))) {
                leader = admin.describeTopics(List.of(bridge.legacyTopic())).allTopicNames().get()
                        .get(bridge.legacyTopic()).partitions().getFirst().leader().id();
            }
            cluster.kill(leader);
            int atKill = changes.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> changes.get() >= atKill + 300);
            writer.shutdown();
            assertThat(writer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            Map<Long, Integer> expected = new TreeMap<>(updates);
            await("every change in the service, once").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                Map<Long, Integer> versions = new TreeMap<>();
                service.rows("select id, version from customers where id < 1000000000").forEach(r ->
                        versions.put(((Number) r.get("id")).longValue(), ((Number) r.get("version")).intValue()));
                assertThat(versions).isEqualTo(expected);
            });
            JsonNode status = bridge.status();
            assertThat(status.path("deadLetters").path("count").asLong()).as(status.toString()).isZero();
            JsonNode report = bridge.reconcile("5s");
            assertThat(report.path("mismatches").asLong()).as(report.toString()).isZero();
            assertThat(cluster.isRunning(leader)).isFalse();
        } finally {
            writer.shutdownNow();
        }
    }
}
